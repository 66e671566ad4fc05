#!/usr/bin/env bash
# Runs the whole benchmark set (about 5 minutes on 2 cores) and prints the table of ratios.
# Usage: benchmarks/run.sh [quick | profile | bulk | percall [rounds] | deleteall [rounds] | pairedcpu [pairs] [calls] | attribute [calls] | startup]   ("quick": one short iteration each, to check the harness)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am install -DskipTests
./mvnw -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
if [ "${1:-}" = "attribute" ]; then
  # where the bytes of one delete go, by code site: each variant in a JVM of its own, then the differences
  calls="${2:-200000}"
  out=benchmarks/target/attribution
  mkdir -p "$out"
  for variant in plainWebClient moonshotMetricsOff plainWebClientMetricsOn moonshotMetricsOn; do
    java -Xms1g -Xmx1g -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
      -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
      dev.moonshot.spring.benchmarks.AllocationAttribution measure "$variant" "$calls" "$out/$variant.tsv"
  done
  for pair in "plainWebClient moonshotMetricsOff" "plainWebClientMetricsOn moonshotMetricsOn"; do
    set -- $pair
    java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
      dev.moonshot.spring.benchmarks.AllocationAttribution categories "$out/$1.tsv" "$out/$2.tsv"
    java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
      dev.moonshot.spring.benchmarks.AllocationAttribution compare "$out/$1.tsv" "$out/$2.tsv" 40
  done
  exit 0
fi
if [ "${1:-}" = "pairedcpu" ]; then
  # CPU per call against the WebClient in alternating blocks in one JVM (pairs, calls per block)
  exec java -Xms1g -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.moonshot.spring.benchmarks.PairedCpu "${@:2}"
fi
if [ "${1:-}" = "startup" ]; then
  exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.moonshot.spring.benchmarks.StartupFootprint "${@:2}"
fi
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.moonshot.spring.benchmarks.BenchmarkRunner "$@"
