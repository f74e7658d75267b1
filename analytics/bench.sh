#!/bin/sh
# One-pass analysis benchmark on a generated clinic with a 1 GB heap: ./analytics/bench.sh [patients] [rounds]
# Needs compiled classes: ./mvnw -B -q -o -pl analytics -am test-compile
set -e
cd "$(dirname "$0")"
CP=target/classes:target/test-classes:../model/target/classes:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar
exec java -Xmx1g -cp "$CP" org.cdoutcomes.analytics.bench.AnalyzerBench "$@"
