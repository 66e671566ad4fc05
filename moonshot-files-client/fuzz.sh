#!/usr/bin/env bash
# Fuzzing mode: runs each Jazzer @FuzzTest of the client for a set time, guided by coverage of the client and of
# Jackson, and prints per target the executions, the covered edges at the start and at the end, and the findings.
# Every build runs the same targets in regression mode (the committed inputs and the generated cases); this is for a
# person with time, not for CI.
#
#   bash moonshot-files-client/fuzz.sh                    # every target, 5 minutes each
#   DURATION=30s bash moonshot-files-client/fuzz.sh ProviderHeadersFuzzTests#rateLimitHeaders
#
# A finding is saved by Jazzer as src/test/resources/dev/moonshot/spring/client/<Class>Inputs/<method>/crash-*:
# fix it, keep the file (rename it to say what it found), commit it, and every build replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-5m}
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(
    ResponseDecoderFuzzTests#fileObjects ResponseDecoderFuzzTests#deletes ResponseDecoderFuzzTests#listPages
    ResponseDecoderFuzzTests#contents ResponseDecoderFuzzTests#fileObjectsRawBytes
    ResponseDecoderFuzzTests#deletesRawBytes ResponseDecoderFuzzTests#listPagesRawBytes
    ResponseDecoderFuzzTests#compatibleListsRawBytes ResponseDecoderFuzzTests#contentsRawBytes
    ErrorResponseFuzzTests#errorResponses ErrorResponseFuzzTests#errorResponsesRawBytes
    ErrorResponseFuzzTests#retryAfterValues
    ProviderHeadersFuzzTests#rateLimitHeaders ProviderHeadersFuzzTests#deprecationHeaders
    ProviderHeadersFuzzTests#providerHeadersRawBytes
  )
fi
logs=moonshot-files-client/target/fuzz-logs
inputs=moonshot-files-client/src/test/resources/dev/moonshot/spring/client
mkdir -p "$logs"
./mvnw -B -q install -DskipTests -pl moonshot-files-client -am

printf '%-52s %12s %10s %10s %s\n' target executions "edges@0" "edges@end" findings
for target in "${TARGETS[@]}"; do
  class=${target%%#*}
  method=${target##*#}
  log="$logs/${class}.${method}.log"
  before=$( (find "$inputs/${class}Inputs/${method}" -name 'crash-*' 2>/dev/null || true) | wc -l)
  # JAZZER_FUZZ=1: the selected @FuzzTest fuzzes (the others of the class are skipped, not replayed)
  JAZZER_FUZZ=1 JAZZER_INSTRUMENT='dev.moonshot.**,tools.jackson.**' \
    ./mvnw -B -o -pl moonshot-files-client test -Dtest="${class}#${method}" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="$DURATION" -Djazzer.hooks=true >"$log" 2>&1 || true
  started=$(grep -a -o 'INITED cov: [0-9]*' "$log" | head -1 | grep -o '[0-9]*$' || echo '?')
  ended=$(grep -a -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
  runs=$(grep -a -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || true)
  if [ -z "$runs" ]; then
    runs=$(grep -a -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || echo '?')
  fi
  after=$( (find "$inputs/${class}Inputs/${method}" -name 'crash-*' 2>/dev/null || true) | wc -l)
  printf '%-52s %12s %10s %10s %s\n' "$target" "$runs" "$started" "$ended" "$((after - before))"
done
echo "logs: $logs"
