#!/usr/bin/env bash
# Load benchmark (not part of the Quick start): starts the server under test in its own process
# and drives it with one synthetic broadcaster and many synthetic viewers (real ICE/DTLS/SRTP).
#
#   ./bench.sh fanout [--followers N]     (go-live notification fan-out; scripts/fanout-bench.sh)
#   ./bench.sh sendpath [--datagrams N]   (what sending a datagram costs here, without any SFU)
#   ./bench.sh glass [--seconds N] [--viewers N]
#                                         (glass-to-glass latency in headless Chromium; root)
#   ./bench.sh [--viewers N] [--steps N] [--bitrate BPS] [--hold SECONDS] [--storm N]
#              [--join-rate PER_SECOND] [--viewer-loops N] [--warm-up N] [--decrypt-every N]
#              [--target upcast|janus|both] [--repeat N] [--network loopback|veth] [--out FILE]
#              [--no-record]
#   ./bench.sh --help                     (this text)
#
# Defaults: 200 viewers in 4 steps, 1.5 Mbps, 10 s holds, a storm of 100, --target upcast,
# --network loopback, --out bench-result.json.
# Viewers join at --join-rate per second (default 100, the storm of 500 within 5 s; 0 = at once);
# --viewer-loops sets the generator's receive threads (default one per core). --warm-up N viewers
# (default 500, in rounds of 100) join, watch ~1 s and leave before anything is measured, so
# Upcast's JIT has compiled the join and forwarding paths, as in a server that has been running.
# --decrypt-every N (default 16; 1 = every packet): after its first complete keyframe each viewer
# decrypts one media packet in N and counts the rest by their clear RTP headers, so the generator
# is not what limits the result; loss, throughput and time to first frame stay exact, end-to-end
# latency becomes a sample. (Default 1 until 2026-12-06: in join storms the generator then was the
# bottleneck, see docs/performance-log.md Round 6.)
# --target janus drives Janus 1.1 (Debian package `janus`, installed with apt-get when missing;
# needs root) under the same load; --target both runs Upcast, then Janus, with the same parameters
# and prints the ratios Upcast/Janus. Prints tables and writes FILE (JSON) and FILE.md; with both,
# also FILE-upcast.json and FILE-janus.json. --repeat N (with both; default 1) runs the pair N times,
# Upcast and Janus alternately, writes each run's comparison as FILE-1.json … FILE-N.json (with
# FILE-1-upcast.json and so on) and sums them up in FILE: each run's ratio, the median and the range
# per step (this machine's speed drifts between runs, so one run's ratio says little). When run as root, everything runs in a private network
# namespace (unshare -n) with only loopback and one local-only address: no traffic can leave.
# --network veth (root): the viewers and the broadcaster (Janus: its RTP feed) run in a second private
# namespace joined to the server's by a veth pair whose receiving end has threaded NAPI, so the
# kernel's work of delivering each datagram into a viewer's socket runs in its own kernel thread
# (reported per packet as "delivery") instead of inside the server's send calls, as a NIC would
# take it off the sender; default loopback. Needs ethtool (installed with apt-get when missing).
# sendpath runs upcast.loadgen.SendPathBench: one thread sending 1,100-byte datagrams with the
# JDK (one sendto per datagram), with Netty's sendmmsg (64 per call) and with UDP GSO (6 per buffer)
# to 1, 50 and 500 sockets on loopback; as root also over the --network veth pair to the far
# namespace (no socket there: the far end's kernel thread drops them). That is the floor under the
# SFU's CPU per forwarded packet. It also prints the CPU per copy of SRTP-encrypted fan-out bursts
# of 50 and 200 copies, back to back and 12 ms apart, and what one wake-up after a 1, 4 or 10 ms
# sleep costs a thread (a media loop pays it per publisher packet, however few viewers share it).
# glass runs GlassToGlassTest as a benchmark (root: Chromium and an in-process server in a
# loopback-only namespace; installs chromium and chromium-driver with apt-get when missing): a
# broadcaster page stamps the time into every frame, --viewers (default 3) pages read it back from
# the decoded WHEP video for --seconds (default 60), then one of them measures the same directly
# peer-to-peer (no server); prints p50/p95 per path and how far each is above the direct one.
# Every run (load, sendpath, glass and fanout) also writes its tables into docs/performance-log.md under
# "Recorded runs" — newest first, one block per command line, with date, commit and machine — unless
# --no-record.
# Environment: BENCH_BUILD_DIR (Maven build directory name, default target), BENCH_SKIP_BUILD=1
# (reuse an earlier build), SFU_JAVA_OPTS and GEN_JAVA_OPTS (JVM options of server and generator;
# the server always gets run.sh's -XX:-UsePerfData).
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = fanout ]; then
  shift
  exec scripts/fanout-bench.sh "$@"
fi

viewers=200 steps=4 bitrate=1500000 hold=10 storm=100 target=upcast out=bench-result.json inside=
network=loopback mode=load datagrams=400000 seconds=60 viewers_given=
join_rate=100 viewer_loops=0 warm_up=500 decrypt_every=16 repeat=1 record=1 run_label=
args=("$@")
. scripts/record-bench.sh
command=$(bench_command ./bench.sh "$@")
while [ $# -gt 0 ]; do
  case "$1" in
    sendpath) mode=sendpath; shift ;;
    glass) mode=glass; shift ;;
    --seconds) seconds=$2; shift 2 ;;
    --datagrams) datagrams=$2; shift 2 ;;
    --viewers) viewers=$2; viewers_given=1; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --bitrate) bitrate=$2; shift 2 ;;
    --hold|--duration) hold=$2; shift 2 ;;
    --storm) storm=$2; shift 2 ;;
    --join-rate) join_rate=$2; shift 2 ;;
    --viewer-loops) viewer_loops=$2; shift 2 ;;
    --warm-up) warm_up=$2; shift 2 ;;
    --decrypt-every) decrypt_every=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --network) network=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-record) record=; shift ;;
    --inside-namespace) inside=1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$mode" = sendpath ] && [ "$(id -u)" = 0 ]; then
  network=veth
fi
if [ "$mode" = glass ]; then
  [ -n "$viewers_given" ] || viewers=3
  if [ "$(id -u)" != 0 ]; then
    echo "bench.sh: glass needs root (Chromium runs in a loopback-only network namespace)" >&2
    exit 2
  fi
fi
case "$target" in
  upcast|janus|both) ;;
  *) echo "bench.sh: --target must be upcast, janus or both" >&2; exit 2 ;;
esac
if ! [[ "$repeat" =~ ^[1-9][0-9]?$ ]]; then
  echo "bench.sh: --repeat must be a number from 1 to 99" >&2
  exit 2
fi
if [ "$repeat" != 1 ] && [ "$target" != both ]; then
  echo "bench.sh: --repeat needs --target both" >&2
  exit 2
fi
case "$network" in
  loopback) ;;
  veth)
    if [ "$(id -u)" != 0 ]; then
      echo "bench.sh: --network veth needs root" >&2
      exit 2
    fi ;;
  *) echo "bench.sh: --network must be loopback or veth" >&2; exit 2 ;;
esac

# The local-only address Janus gathers ICE candidates on (Janus skips loopback interfaces).
ice_ip=10.77.0.1

build=${BENCH_BUILD_DIR:-target}
if [ -z "$inside" ]; then
  if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    mvn -B -q -DbuildDir="$build" -DskipTests install
    mvn -B -q -DbuildDir="$build" -pl loadgen dependency:build-classpath \
      -Dmdep.outputFile="$PWD/loadgen/$build/bench.classpath" -Dmdep.includeScope=runtime >/dev/null
    bench_commit >"loadgen/$build/bench.commit"
  fi
  if [ "$target" != upcast ] && ! command -v janus >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      echo "bench.sh: Janus is not installed; run as root (apt-get install janus) for --target $target" >&2
      exit 2
    fi
    echo "bench.sh: installing Janus (apt-get install janus)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends janus >/dev/null
  fi
  if [ "$mode" = glass ]; then
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
      echo "bench.sh: installing chromium and chromium-driver (apt-get) for glass"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
    # Online, before the namespace: the test plugin's JUnit provider is resolved only when it runs.
    mvn -B -q -DbuildDir="$build" -pl tests test -Dtest=NoSuchTestWarmUp \
      -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
  fi
  if [ "$network" = veth ] && ! command -v ethtool >/dev/null 2>&1; then
    echo "bench.sh: installing ethtool (apt-get install ethtool) for --network veth"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ethtool >/dev/null
  fi
  if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1; then
    exec unshare -n "$0" "${args[@]}" --inside-namespace
  fi
  if [ "$target" != upcast ]; then
    echo "bench.sh: --target $target needs root and unshare (Janus runs in a private network namespace)" >&2
    exit 2
  fi
else
  ip link set lo up
  if [ "$network" = veth ]; then
    # A second namespace for the load tool, reachable only through this veth pair: neither
    # namespace has any other interface, so no traffic can leave. GRO on the viewers' end gives
    # it a NAPI instance, and "threaded" runs that in a kernel thread (napi/bench-view-*).
    view_ns=upcast-bench-view-$$
    ip netns add "$view_ns"
    ip link add bench-sfu type veth peer name bench-view netns "$view_ns"
    ip addr add 10.88.0.1/24 dev bench-sfu
    # veth hands a datagram to the peer's NAPI only if the sender does not offer TSO (veth.c,
    # veth_skb_is_eligible_for_gro); UDP gains nothing from TSO anyway.
    ethtool -K bench-sfu tso off >/dev/null
    ip link set bench-sfu up
    # A NIC queues in front of its ring; veth has no queue by default and drops once its 256-slot
    # ring is full (a 300-copy fan-out burst). With a qdisc, veth stops the queue instead.
    tc qdisc replace dev bench-sfu root pfifo limit 20000
    ip -n "$view_ns" link set lo up
    ip -n "$view_ns" addr add 10.88.0.2/24 dev bench-view
    ip -n "$view_ns" link set bench-view up
    ip netns exec "$view_ns" sh -c \
      'ethtool -K bench-view gro on >/dev/null && echo 1 >/sys/class/net/bench-view/threaded'
  fi
  if [ "$target" != upcast ] && [ "$network" = loopback ]; then
    # A veth pair gives Janus a non-loopback interface; the address is local, so traffic to it
    # still never leaves this namespace (which has no other interface).
    ip link add bench0 type veth peer name bench1
    ip addr add "$ice_ip/32" dev bench0
    ip link set bench0 up
    ip link set bench1 up
  fi
fi

# The load generator (module loadgen) and its runtime classpath, as the build wrote it.
cp="loadgen/$build/classes:$(cat "loadgen/$build/bench.classpath")"
# The commit the code under test was built from (the build wrote it), for the record.
BENCH_COMMIT=$(cat "loadgen/$build/bench.commit" 2>/dev/null || echo "unknown (built before bench.sh noted commits)")
work=$(mktemp -d)
server=
view_ns=${view_ns:-}
cleanup() {
  stop "$server"
  rm -rf "$work"
  if [ -n "$view_ns" ]; then ip netns del "$view_ns" 2>/dev/null || true; fi
}
trap cleanup EXIT

# Stops a process we started: SIGTERM, up to 10 s, then SIGKILL.
stop() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# UDP counters of this network namespace (RFC 4113 names): receive/send buffer overflows show
# datagrams the kernel dropped, which the load tool then sees as loss or slow handshakes.
udp_errors() {
  { cat /proc/net/snmp; if [ -n "$view_ns" ]; then ip netns exec "$view_ns" cat /proc/net/snmp; fi; } |
    awk '/^Udp:/ { if (seen++ % 2) { rb += $6; sb += $7 } } END { print rb, sb }'
}

# How the load tool runs: in the viewers' namespace with --network veth, else here.
server_ip=127.0.0.1 viewer_ip=127.0.0.1 gen_prefix=()
janus_viewer_ip=$ice_ip
if [ -n "$view_ns" ]; then
  server_ip=10.88.0.1 viewer_ip=10.88.0.2 gen_prefix=(ip netns exec "$view_ns")
  # Janus gathers its candidate on the server's end of the pair; its viewers sit on the other.
  ice_ip=$server_ip janus_viewer_ip=$viewer_ip
fi

# The kernel threads that deliver into the viewers' sockets (--network veth), comma-separated.
delivery_pids() {
  ps -e -o pid=,comm= | awk '$2 ~ /^napi\/bench-v/ { printf "%s%s", sep, $1; sep = "," }'
}

load() {
  local before after rc=0
  before=$(udp_errors)
  "${gen_prefix[@]}" java ${GEN_JAVA_OPTS:--Xmx2g} -cp "$cp" upcast.loadgen.LoadTest --viewers "$viewers" \
    --steps "$steps" --bitrate "$bitrate" --hold "$hold" --storm "$storm" \
    --join-rate "$join_rate" --viewer-loops "$viewer_loops" \
    --warm-up "$warm_up" --decrypt-every "$decrypt_every" "$@" || rc=$?
  after=$(udp_errors)
  read -r rb0 sb0 <<<"$before"
  read -r rb1 sb1 <<<"$after"
  echo "bench.sh: kernel UDP drops during the run: $((rb1 - rb0)) receive-buffer, $((sb1 - sb0)) send-buffer"
  echo "- Kernel UDP drops, $run_label$2: $((rb1 - rb0)) receive-buffer, $((sb1 - sb0)) send-buffer." \
    >>"$work/drops.md"
  return $rc
}

if [ "$mode" = sendpath ]; then
  discard=()
  if [ -n "$view_ns" ]; then discard=(--discard-to 10.88.0.2); fi
  # Its tables go to stdout; Netty's log (stderr) is kept aside and shown only if it fails.
  if ! java -cp "$cp" upcast.loadgen.SendPathBench --datagrams "$datagrams" "${discard[@]}" \
    2>"$work/sendpath.log" | tee "$work/sendpath.md"; then
    tail -n 40 "$work/sendpath.log" >&2
    exit 1
  fi
  if [ -n "$record" ]; then record_bench "$cp" "$command" "$work/sendpath.md"; fi
  exit 0
fi

if [ "$mode" = glass ]; then
  if ! mvn -B -o -DbuildDir="$build" -pl tests test -Dtest=GlassToGlassTest \
    -Dsurefire.failIfNoSpecifiedTests=false -DskipBrowserTests=false \
    -Dglass.seconds="$seconds" -Dglass.viewers="$viewers" -Dglass.out="$work/glass.md" \
    >"$work/glass.log" 2>&1 || [ ! -s "$work/glass.md" ]; then
    tail -n 40 "$work/glass.log" >&2
    echo "bench.sh: the glass-to-glass run failed (reports in tests/$build/surefire-reports)" >&2
    exit 1
  fi
  cat "$work/glass.md"
  if [ -n "$record" ]; then record_bench "$cp" "$command" "$work/glass.md"; fi
  exit 0
fi

run_upcast() {
  local result=$1 http_port=18480 media_port=18481
  mkdir -p "$work/upcast"
  UPCAST_HTTP_PORT=$http_port UPCAST_MEDIA_PORT=$media_port UPCAST_BIND=$server_ip \
    UPCAST_PUBLIC_IP=$server_ip UPCAST_DATA_DIR="$work/upcast" \
    java -XX:-UsePerfData ${SFU_JAVA_OPTS:--Xmx1g} -jar "signaling/$build/upcast.jar" >"$work/upcast.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -sf "http://$server_ip:$http_port/api/broadcasts" >/dev/null 2>&1 && break
    sleep 0.2
  done
  load --target upcast --url "http://$server_ip:$http_port/" --server-pid "$server" \
    --viewer-ip "$viewer_ip" --delivery-pids "$(delivery_pids)" --out "$result"
  stop "$server"
  server=
}

run_janus() {
  local result=$1 http_port=18488 audio_port=18490 video_port=18492 mountpoint=1
  scripts/janus/janus-config.sh "$work/janus" $http_port $audio_port $video_port $mountpoint \
    "$ice_ip" "$server_ip"
  janus -C "$work/janus/janus.jcfg" -F "$work/janus" -o >"$work/janus.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -sf "http://$server_ip:$http_port/janus/info" >/dev/null 2>&1 && break
    sleep 0.2
  done
  load --target janus --janus-url "http://$server_ip:$http_port/janus" \
    --janus-mountpoint $mountpoint --janus-audio-port $audio_port --janus-video-port $video_port \
    --server-pid "$server" --viewer-ip "$janus_viewer_ip" --delivery-pids "$(delivery_pids)" \
    --out "$result" || { tail -n 30 "$work/janus.log" >&2; exit 1; }
  stop "$server"
  server=
}

case "$target" in
  upcast) run_upcast "$out" ;;
  janus) run_janus "$out" ;;
  both)
    base=${out%.json}
    if [ "$repeat" = 1 ]; then
      run_upcast "$base-upcast.json"
      run_janus "$base-janus.json"
      java -cp "$cp" upcast.loadgen.Comparison "$base-upcast.json" "$base-janus.json" "$out"
    else
      runs=()
      for r in $(seq 1 "$repeat"); do
        echo "bench.sh: run $r of $repeat"
        run_label="run $r, "
        run_upcast "$base-$r-upcast.json"
        run_janus "$base-$r-janus.json"
        java -cp "$cp" upcast.loadgen.Comparison "$base-$r-upcast.json" "$base-$r-janus.json" \
          "$base-$r.json"
        runs+=("$base-$r.json")
      done
      java -cp "$cp" upcast.loadgen.Comparison --repeats "$out" "${runs[@]}"
    fi
    ;;
esac
echo "bench.sh: wrote $out and $out.md"
if [ -n "$record" ]; then record_bench "$cp" "$command" "$out.md" "$work/drops.md"; fi
