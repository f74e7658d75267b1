package org.cdoutcomes.app.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * One run of a scheduled job as its job parameters hold it, and the folders it names. The run time is the only
 * identifying parameter: a restart gets the same parameters back, hence the same run id, folders and dates.
 *
 * @param inbox the inbox whose files move when the run is done; null when {@code paths} were given instead
 * @param paths files or folders named on the command line (not moved); empty for an inbox run
 */
public record PipelineRun(String jobName, LocalDateTime runTime, Path inbox, Path outbox, List<Path> paths) {
    static final String RUN_TIME = "runTime";
    static final String INBOX = "inbox";
    static final String OUTBOX = "outbox";
    static final String PATHS = "paths";
    /** The paths when one has a line break in its name: escaped, under a key of their own (PATHS keeps them as written). */
    static final String ESCAPED_PATHS = "escapedPaths";
    /** The length of a PARAMETER_VALUE column. */
    static final int MAX_PARAMETER_LENGTH = 2500;
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public PipelineRun {
        paths = List.copyOf(paths);
    }

    public static PipelineRun of(String jobName, JobParameters parameters) {
        String inbox = parameters.getString(INBOX);
        String paths = parameters.getString(PATHS, "");
        String escaped = parameters.getString(ESCAPED_PATHS, "");
        return new PipelineRun(jobName, parameters.getLocalDateTime(RUN_TIME),
                inbox == null ? null : Path.of(inbox),
                Path.of(parameters.getString(OUTBOX)),
                !escaped.isEmpty() ? decodePaths(escaped)
                        : paths.isEmpty() ? List.of() : Arrays.stream(paths.split("\n")).map(Path::of).toList());
    }

    public JobParameters toParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addLocalDateTime(RUN_TIME, runTime)
                .addString(OUTBOX, outbox.toAbsolutePath().toString(), false);
        if (inbox != null) {
            builder.addString(INBOX, inbox.toAbsolutePath().toString(), false);
        }
        if (!paths.isEmpty()) {
            // a line each, as written (a Windows path's backslashes stay); escaped only when a name holds a line break
            List<String> absolute = paths.stream().map(p -> p.toAbsolutePath().toString()).toList();
            boolean escape = absolute.stream().anyMatch(path -> path.indexOf('\n') >= 0);
            String joined = absolute.stream().map(path -> escape ? encodePath(path) : path).collect(Collectors.joining("\n"));
            if (joined.length() > MAX_PARAMETER_LENGTH) {
                throw new BadSettingException("PATH: too many paths for one run (" + joined.length()
                        + " characters, at most " + MAX_PARAMETER_LENGTH + "); name their folder instead");
            }
            builder.addString(escape ? ESCAPED_PATHS : PATHS, joined, false);
        }
        return builder.toJobParameters();
    }

    /**
     * One path of {@link #ESCAPED_PATHS}, which holds them a line each: a line break in a path's name is written
     * {@code \n} and a backslash {@code \\}, so that a name with a line break comes back whole.
     */
    static String encodePath(String path) {
        return path.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** The paths of {@link #ESCAPED_PATHS}, each line decoded. */
    static List<Path> decodePaths(String encoded) {
        List<Path> paths = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            char next = i + 1 < encoded.length() ? encoded.charAt(i + 1) : 0;
            if (c == '\n') {
                paths.add(Path.of(path.toString()));
                path.setLength(0);
            } else if (c == '\\' && (next == 'n' || next == '\\')) {
                path.append(next == 'n' ? '\n' : '\\');
                i++;
            } else {
                path.append(c);
            }
        }
        paths.add(Path.of(path.toString()));
        return List.copyOf(paths);
    }

    /** Names the run's outbox folder and its processed/ folder: the job and its start time to the second. */
    public String runId() {
        return jobName + "-" + RUN_ID_TIME.format(runTime);
    }

    /** The day the run started: the limit for future dates, on restarts too. */
    public LocalDate runDate() {
        return runTime.toLocalDate();
    }

    public boolean movesInputs() {
        return paths.isEmpty();
    }

    public Path runFolder() {
        return outbox.resolve(runId());
    }

    /** Where a step writes before its outputs are published into the run folder. */
    Path staging() {
        return runFolder().resolve(".partial");
    }

    Path staging(String step) {
        return staging().resolve(step);
    }

    Path statusFile() {
        return runFolder().resolve("status.txt");
    }
}
