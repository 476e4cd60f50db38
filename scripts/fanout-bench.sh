#!/usr/bin/env bash
# Go-live fan-out benchmark (./bench.sh fanout [--followers N]): how long until every follower's
# inbox holds the notification, and whether the start request waits for it — on the embedded
# database and on a throwaway PostgreSQL on 127.0.0.1 (started here when the postgresql package is
# installed and we are root). Prints a markdown table per database.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests install
mvn -B -q -pl tests dependency:build-classpath -Dmdep.outputFile="$PWD/tests/target/bench.classpath" \
  -Dmdep.includeScope=runtime >/dev/null
cp="tests/target/classes:$(cat tests/target/bench.classpath)"

echo "== embedded H2"
java -Xmx2g -cp "$cp" upcast.loadgen.FanoutBench "$@" 2>&1 | grep -v " INFO \| WARN " || true

. scripts/throwaway-pg.sh
if ! pg_start 55433; then
  echo "fanout: no PostgreSQL run (needs the postgresql package and root)"
  exit 0
fi
trap pg_stop EXIT
echo "== PostgreSQL (fsync on, default settings)"
java -Xmx2g -cp "$cp" upcast.loadgen.FanoutBench --db "$PG_URL" "$@" \
  2>&1 | grep -v " INFO \| WARN " || true
