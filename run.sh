#!/usr/bin/env bash
# Builds Upcast if needed (mvn -DskipTests install when a source is newer than the jar), then starts
# it in the foreground with embedded defaults: http://localhost:8080/, media on UDP 10000.
#
#   ./run.sh [--help]
#
# Settings are environment variables (README "Settings"): UPCAST_HTTP_PORT, UPCAST_MEDIA_PORT,
# UPCAST_DATA_DIR, UPCAST_PUBLIC_IP, UPCAST_BIND, UPCAST_PUBLIC_URL, UPCAST_DB_URL, … JAVA_OPTS adds
# JVM options (e.g. -Xmx2g).
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit 0
fi
set -euo pipefail
cd "$(dirname "$0")"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run.sh: '$tool' was not found. Upcast needs JDK 17+ and Maven 3.8+ (Debian: apt-get install openjdk-17-jdk-headless maven)." >&2
    exit 1
  fi
done

jar=signaling/target/upcast.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
  echo "run.sh: building Upcast (mvn -DskipTests install)…"
  mvn -B -q -DskipTests install
fi

# -XX:-UsePerfData: the JVM's statistics sampler (for jstat) woke a thread 20 times a second, ~2.7 ms
# of CPU per second on an idle server; /metrics reports what Upcast needs, and jcmd still attaches.
# JAVA_OPTS adds JVM options (e.g. -Xmx2g).
exec java -XX:-UsePerfData ${JAVA_OPTS:-} -jar "$jar"
