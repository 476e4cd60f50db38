#!/usr/bin/env bash
# Installs what the tests need when it is missing, then runs the full suite inside a
# loopback-only network namespace (tests may only ever reach 127.0.0.0/8 and ::1).
#
#   ./test.sh [--help]
#
# Needs root when Debian packages are missing (JDK 17, Maven, chromium, chromium-driver, nodejs,
# npm, iproute2, util-linux, postgresql) and for the namespace. Online first (build, dependencies,
# `npm ci` in tests/interop), then offline in the namespace (scripts/test-in-namespace.sh).
# UPCAST_TEST_ARGS passes extra Maven arguments to the suite, e.g.
# UPCAST_TEST_ARGS='-DskipBrowserTests=true' or UPCAST_TEST_ARGS='-Dtest=ChatTest'.
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit 0
fi
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing packages: ${missing[*]}; run as root or install them (apt-get install ${missing[*]})." >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Online warm-up: build, and resolve every dependency and plugin the offline run needs. Some are
# resolved only when they run: Surefire's JUnit Platform provider and launcher only when a test
# runs, Spotless's formatter only at `verify`. So the warm-up runs the same `verify` as the suite
# with one real, fast test per module that has tests (sfu, signaling, testkit, loadgen, tests; a
# renamed test fails here loudly rather than leaving a module's provider unresolved), which
# resolves exactly what the offline run will ask for.
warm_up_tests=StunTest,SignalMessageTest,TestkitArchitectureTest,PerformanceLogTest,TestsArchitectureTest
# ESLint for the web client, at its locked version: web-client's `verify` runs it (the warm-up
# below then resolves the plugin that runs it), and -Dlint.js.required=true makes its absence fail.
(cd web-client && npm ci --no-audit --no-fund --loglevel=error)
echo "test.sh: resolving dependencies and building…"
mvn -B -q -DskipTests install
mvn -B -q verify -DskipBrowserTests=true -Dtest="$warm_up_tests" -Dsurefire.failIfNoSpecifiedTests=true \
  -Dlint.js.required=true
# The independent WebRTC peer (werift) of the chat interop test, at its locked version.
(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)

# The suite itself: offline, in a network namespace that has only loopback, with a throwaway
# PostgreSQL inside it for the persistence tests.
echo "test.sh: running the full suite in a loopback-only network namespace…"
# shellcheck disable=SC2086
exec unshare -n scripts/test-in-namespace.sh -Dlint.js.required=true ${UPCAST_TEST_ARGS:-}
