@echo off
rem Runs CD Outcomes on Windows: builds app\target\cdo.jar first when it is missing or older than any pom.xml or
rem source file (best effort: no lock against two builds at once), then runs it with the given arguments.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%app\target\cdo.jar"
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$jar = Get-Item -LiteralPath $env:JAR -ErrorAction SilentlyContinue; if (-not $jar) { exit 1 };" ^
  "$newer = Get-ChildItem -LiteralPath $env:ROOT -Recurse -File | Where-Object { ($_.Name -eq 'pom.xml' -or $_.FullName -match '\\src\\') -and $_.FullName -notmatch '\\target\\' -and $_.LastWriteTime -gt $jar.LastWriteTime } | Select-Object -First 1;" ^
  "if ($newer) { exit 1 } else { exit 0 }"
if errorlevel 1 (
  echo cdo: building app\target\cdo.jar ^(sources are newer or it is missing^)... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -DskipTests package > "%TEMP%\cdo-build.log" 2>&1
  if errorlevel 1 (
    popd
    type "%TEMP%\cdo-build.log" 1>&2
    echo cdo: the build failed ^(output above^) 1>&2
    exit /b 2
  )
  popd
)
java %CDO_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
