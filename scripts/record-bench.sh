#!/usr/bin/env bash
# Sourced by bench.sh and fanout-bench.sh: writes a run's tables into docs/performance-log.md
# ("Recorded runs", newest first, one block per command; upcast.loadgen.PerformanceLog).
#
#   . scripts/record-bench.sh
#   record_bench CLASSPATH "COMMAND" FILE...
#   bench_commit                  the commit under test, "with local changes" if any
#   bench_command NAME ARGS...    the command line for the record
#
# The heading says when, from which commit the code under test was built (BENCH_COMMIT, see
# bench_commit; else the working tree's now), and on what machine, so a number can be traced to
# what produced it.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Executed rather than sourced: only --help means something.
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  case "${1:-}" in --help | -h) exit 0 ;; *) exit 2 ;; esac
fi

record_bench() {
  local cp=$1 command=$2 commit cpu mem java kernel heading
  shift 2
  commit=${BENCH_COMMIT:-$(bench_commit)}
  cpu=$(nproc)
  mem=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  java=$(java -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }')
  kernel=$(uname -r)
  heading="$(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit; $cpu cores, $mem, Java $java, Linux $kernel."
  java -cp "$cp" upcast.loadgen.PerformanceLog docs/performance-log.md "$command" "$heading" "$@" ||
    echo "bench.sh: could not record the result in docs/performance-log.md" >&2
}

# The commit of the working tree, and whether it had other changes than docs/performance-log.md (which
# the runs themselves change). Written next to a build, so a run with BENCH_SKIP_BUILD=1 names the
# code it measured, not whatever was checked out when it finished.
bench_commit() {
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no git")
  if [ -n "$(git status --porcelain --untracked-files=no -- . ':!docs/performance-log.md' 2>/dev/null)" ]; then
    commit="$commit with local changes"
  fi
  echo "$commit"
}

# The command line a user typed, for the record: without the options that change nothing measured
# (--out, --no-record) and without bench.sh's own --inside-namespace.
bench_command() {
  local name=$1 words=()
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) shift; [ $# -gt 0 ] && shift ;;
      --no-record|--inside-namespace) shift ;;
      *) words+=("$1"); shift ;;
    esac
  done
  echo "$name${words[*]:+ ${words[*]}}"
}
