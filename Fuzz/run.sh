#!/usr/bin/env bash
# Runs each fuzz target for a bounded time over a scratch copy of its seed
# corpus (the tree stays clean), skipping the seeds Fuzz/pending-fixes.txt
# lists. Prints each target's executions; on a crash, saves the input under
# Fuzz/Crashes/<target>/ and fails.
# Usage: Fuzz/run.sh BIN_DIR SECONDS TARGET...   (FUZZ_LOGS=dir keeps libFuzzer's logs)
set -uo pipefail
bin=$1; seconds=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/lectern-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Leaks at exit are Foundation's caches, not findings; libFuzzer's own
# options say the rest.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
# The Swift runtime's own crash handler fights ASan's; libFuzzer prints the stack.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
status=0
for t in "$@"; do
  mkdir -p "$work/corpus/$t" "$work/crashes/$t"
  for f in "$here/Corpus/$t"/*; do
    awk -v k="$t/$(basename "$f")" '$1 == k { found = 1 } END { exit !found }' "$here/pending-fixes.txt" \
      || cp "$f" "$work/corpus/$t/"
  done
  case $t in lesson) max=65536 ;; language) max=16384 ;; *) max=65536 ;; esac
  log="$work/$t.log"
  start=$(date +%s)
  "$bin/fuzz-$t" "$work/corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -max_len="$max" -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$work/crashes/$t/" >"$log" 2>&1
  rc=$?
  [ -n "${FUZZ_LOGS:-}" ] && mkdir -p "$FUZZ_LOGS" && cp "$log" "$FUZZ_LOGS/"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "fuzz $t: ${runs:-?} executions in $(( $(date +%s) - start )) s, ${cov:-cov: ?}, $(ls "$work/corpus/$t" | wc -l) corpus files"
  if [ $rc -ne 0 ] || [ -n "$(ls -A "$work/crashes/$t")" ]; then
    status=1
    mkdir -p "$here/Crashes/$t"
    grep -E 'ERROR: (libFuzzer|AddressSanitizer)|Fatal error|SUMMARY' "$log" | head -5
    grep -E '^ *#[0-9]+ ' "$log" | head -12
    for c in "$work/crashes/$t"/*; do
      [ -e "$c" ] || continue
      cp "$c" "$here/Crashes/$t/"
      echo "fuzz $t: reproducer saved as Fuzz/Crashes/$t/$(basename "$c") (replay: $bin/fuzz-$t Fuzz/Crashes/$t/$(basename "$c"))"
    done
  fi
done
exit $status
