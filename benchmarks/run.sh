#!/usr/bin/env bash
# Runs the whole benchmark set (about 5 minutes on 2 cores) and prints the table of ratios.
# Usage: benchmarks/run.sh [quick | profile | bulk | percall [rounds] | startup]   ("quick": one short iteration each, to check the harness)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am install -DskipTests
./mvnw -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
if [ "${1:-}" = "startup" ]; then
  exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.moonshot.spring.benchmarks.StartupFootprint "${@:2}"
fi
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.moonshot.spring.benchmarks.BenchmarkRunner "$@"
