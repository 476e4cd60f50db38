#!/usr/bin/env bash
# Go-live fan-out benchmark (./bench.sh fanout [--followers N]): how long until every follower's
# inbox holds the notification, and whether the start request waits for it — on the embedded
# database and on a throwaway PostgreSQL on 127.0.0.1 (started here when the postgresql package is
# installed and we are root). Prints a markdown table per database and records them in
# docs/performance-log.md ("Recorded runs") unless --no-record.
#
#   ./bench.sh fanout [--followers N] [--no-record]     (or scripts/fanout-bench.sh …)
#
# --followers N: how many followers the broadcaster has (default 100000).
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit 0
fi
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests install
mvn -B -q -pl loadgen dependency:build-classpath \
  -Dmdep.outputFile="$PWD/loadgen/target/bench.classpath" -Dmdep.includeScope=runtime >/dev/null
cp="loadgen/target/classes:$(cat loadgen/target/bench.classpath)"
. scripts/record-bench.sh
BENCH_COMMIT=$(bench_commit)
command=$(bench_command "./bench.sh fanout" "$@")
record=1
args=()
for a in "$@"; do
  if [ "$a" = --no-record ]; then record=; else args+=("$a"); fi
done
set -- "${args[@]}"
result=$(mktemp)
finish() {
  if [ -n "$record" ]; then record_bench "$cp" "$command" "$result"; fi
  rm -f "$result"
}

echo "== embedded H2" | tee -a "$result"
java -Xmx2g -cp "$cp" upcast.loadgen.FanoutBench "$@" 2>&1 | grep -v " INFO \| WARN " | tee -a "$result" || true

. scripts/throwaway-pg.sh
if ! pg_start 55433; then
  echo "fanout: no PostgreSQL run (needs the postgresql package and root)" | tee -a "$result"
  finish
  exit 0
fi
trap pg_stop EXIT
echo "== PostgreSQL (fsync on, default settings)" | tee -a "$result"
java -Xmx2g -cp "$cp" upcast.loadgen.FanoutBench --db "$PG_URL" "$@" \
  2>&1 | grep -v " INFO \| WARN " | tee -a "$result" || true
finish
