#!/usr/bin/env bash
# Checks the Grafana dashboard (dashboards/moonshot-files.json) against a real Prometheus, Debian's `prometheus`
# package: the sample app runs against its embedded fake (with a rate limit, so that retries and holds happen),
# Prometheus scrapes /actuator/prometheus every 2 s while a workload runs through the sample's REST API, and then
# every query of every panel is asked of Prometheus, as Grafana would ask it. Prints each panel with the series its
# queries returned; fails if any query returns no data. Not part of CI (it installs a package and takes minutes).
#
#   bash dashboards/check-with-prometheus.sh            # WORKLOAD_SECONDS=90 by default
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PORT=${APP_PORT:-18080}
PROM_PORT=${PROM_PORT:-19090}
WORKLOAD_SECONDS=${WORKLOAD_SECONDS:-90}
work=$(mktemp -d)
pids=()
cleanup() {
  # each was started in a session of its own: stop its whole process group (Maven and the application it forked)
  for pid in "${pids[@]}"; do kill -- -"$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v prometheus >/dev/null; then
  echo "=== installing Debian's prometheus ==="
  apt-get install -y --no-install-recommends prometheus >/dev/null
fi
echo "=== $(prometheus --version 2>&1 | head -1) ==="

echo "=== building, then starting the sample app on :${APP_PORT} (embedded fake, 20 requests/s for the organization) ==="
./mvnw -B -q install -DskipTests
setsid ./mvnw -B -q -pl sample-app spring-boot:run -Dspring-boot.run.arguments="--server.port=${APP_PORT} \
--sample.fake.rate-limit-per-second=20 --moonshot.retention.initial-delay=10s --moonshot.retention.fixed-delay=15s \
--moonshot.retention.max-age=20s" >"$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:${APP_PORT}/actuator/health/liveness" >/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || break
  sleep 1
done
curl -fs "http://127.0.0.1:${APP_PORT}/actuator/health/liveness" >/dev/null || { cat "$work/app.log"; exit 1; }

cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 2s
scrape_configs:
  - job_name: moonshot-sample
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ['127.0.0.1:${APP_PORT}']
EOF
echo "=== starting Prometheus on :${PROM_PORT} ==="
setsid prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:${PROM_PORT}" >"$work/prometheus.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:${PROM_PORT}/-/ready" >/dev/null && break
  sleep 1
done

echo "=== workload for ${WORKLOAD_SECONDS} s ==="
base="http://127.0.0.1:${APP_PORT}/documents"
printf 'A document for the dashboard check.\n' >"$work/doc.txt"
end=$((SECONDS + WORKLOAD_SECONDS))
round=0
while [ "$SECONDS" -lt "$end" ]; do
  round=$((round + 1))
  # a burst over the organization's limit: 429s, retries and holds
  seq 1 30 | xargs -P 30 -I{} curl -s -o /dev/null -F "file=@$work/doc.txt;filename=check-${round}-{}.txt" "$base" \
    || true
  curl -s -o "$work/list.json" "$base" || true
  id=$(grep -o '"id":"[^"]*"' "$work/list.json" | tail -1 | cut -d'"' -f4 || true)
  if [ -n "$id" ]; then
    curl -s -o /dev/null "$base/$id" || true
    curl -s -o /dev/null "$base/$id/text" || true
    curl -s -o /dev/null -X DELETE "$base/$id" || true
  fi
  curl -s -o /dev/null -X DELETE "$base/file-that-is-not-there-${round}" || true
  curl -s -o /dev/null "$base/usage" || true
  # what a retention run would delete now: a dry run (the sample exposes it read-only)
  curl -s -o /dev/null "http://127.0.0.1:${APP_PORT}/actuator/moonshotretention/dry-run" || true
  sleep 1
done
echo "=== waiting for two more scrapes ==="
sleep 5

echo "=== every panel's queries, asked of Prometheus ==="
python3 - "$PROM_PORT" <<'EOF'
import json, sys, urllib.parse, urllib.request
port = sys.argv[1]
dashboard = json.load(open("dashboards/moonshot-files.json"))
failed = 0
for panel in dashboard["panels"]:
    for target in panel.get("targets", []):
        query = (target["expr"].replace("$job", ".*").replace("$instance", ".*")
                 .replace("$__rate_interval", "1m").replace("$__range", "10m"))
        url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": query})
        result = json.load(urllib.request.urlopen(url))["data"]["result"]
        series = [(r["metric"], r["value"][1]) for r in result]
        status = "ok  " if series else "NONE"
        failed += 0 if series else 1
        shown = ", ".join(
            "{" + ",".join(f"{k}={v}" for k, v in sorted(m.items())) + "} " + (v[:8]) for m, v in series[:4])
        print(f"{status} {panel['title']} [{target['refId']}]: {len(series)} series: {shown}")
print(f"=== {failed} quer{'y' if failed == 1 else 'ies'} without data ===")
sys.exit(1 if failed else 0)
EOF
