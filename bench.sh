#!/usr/bin/env bash
# Load benchmark (not part of the Quick start): starts Upcast in its own JVM on loopback and
# drives it with one synthetic broadcaster and many synthetic viewers (real ICE/DTLS/SRTP).
#
#   ./bench.sh fanout [--followers N]     (go-live notification fan-out; scripts/fanout-bench.sh)
#   ./bench.sh [--viewers N] [--steps N] [--bitrate BPS] [--hold SECONDS] [--storm N]
#              [--target upcast] [--out FILE]
#
# Prints a table and writes FILE (JSON) and FILE.md (the table). Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = fanout ]; then
  shift
  exec scripts/fanout-bench.sh "$@"
fi

viewers=200 steps=4 bitrate=1500000 hold=10 storm=100 target=upcast out=bench-result.json
while [ $# -gt 0 ]; do
  case "$1" in
    --viewers) viewers=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --bitrate) bitrate=$2; shift 2 ;;
    --hold|--duration) hold=$2; shift 2 ;;
    --storm) storm=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$target" != upcast ]; then
  echo "bench.sh: --target $target is not available yet; only 'upcast' is measured (see docs/performance.md)." >&2
  exit 2
fi

mvn -B -q -DskipTests install
mvn -B -q -pl tests dependency:build-classpath -Dmdep.outputFile="$PWD/tests/target/bench.classpath" \
  -Dmdep.includeScope=runtime >/dev/null
cp="tests/target/classes:$(cat tests/target/bench.classpath)"

data=$(mktemp -d)
http_port=18480
media_port=18481
UPCAST_HTTP_PORT=$http_port UPCAST_MEDIA_PORT=$media_port UPCAST_BIND=127.0.0.1 \
  UPCAST_PUBLIC_IP=127.0.0.1 UPCAST_DATA_DIR="$data" \
  java ${SFU_JAVA_OPTS:--Xmx1g} -jar signaling/target/upcast.jar >"$data/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$http_port/api/broadcasts" >/dev/null 2>&1 && break
  sleep 0.2
done

java ${GEN_JAVA_OPTS:--Xmx2g} -cp "$cp" upcast.loadgen.LoadTest --url "http://127.0.0.1:$http_port/" \
  --viewers "$viewers" --steps "$steps" --bitrate "$bitrate" --hold "$hold" --storm "$storm" \
  --out "$out"
echo "bench.sh: wrote $out and $out.md"
