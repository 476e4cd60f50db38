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

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ "$(id -u)" -ne 0 ] || ! id postgres >/dev/null 2>&1; then
  echo "fanout: no PostgreSQL run (needs the postgresql package and root)"
  exit 0
fi
pgdir=$(mktemp -d /tmp/upcast-fanout-pg.XXXXXX)
chown postgres "$pgdir"
port=55433
su postgres -s /bin/sh -c "$pgbin/initdb -D $pgdir/data -A trust -U upcast >/dev/null \
  && $pgbin/pg_ctl -D $pgdir/data -w -l $pgdir/log \
     -o '-p $port -k $pgdir -c listen_addresses=127.0.0.1' start >/dev/null \
  && $pgbin/createdb -h 127.0.0.1 -p $port -U upcast upcast"
stop_pg() {
  su postgres -s /bin/sh -c "$pgbin/pg_ctl -D $pgdir/data -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop_pg EXIT
echo "== PostgreSQL (fsync on, default settings)"
java -Xmx2g -cp "$cp" upcast.loadgen.FanoutBench --db "jdbc:postgresql://127.0.0.1:$port/upcast" "$@" \
  2>&1 | grep -v " INFO \| WARN " || true
