#!/usr/bin/env bash
# Runs each libFuzzer target of Fuzz/ (built by `make fuzz-build`) for FUZZ_SECONDS seconds.
#
#   Fuzz/run.sh [READER...]      readers: scenario auction-instance acquisition-instance audit shard
#
# Each reader's working corpus is Fuzz/.build/corpus/<reader>/ (kept between runs, so coverage
# accumulates); before a run it is seeded from scenarios/ (the files of that reader's kind),
# Fuzz/seeds/<reader>/ and Fuzz/regressions/<reader>/. A crash, a sanitizer report, a timeout
# (FUZZ_TIMEOUT seconds for one input) or running out of memory (FUZZ_RSS_MB) stops that reader,
# leaves the input in Fuzz/.build/crashes/<reader>/ and makes the script exit 1 after the other
# readers ran. The fix goes with the input copied to Fuzz/regressions/<reader>/, which the test
# suite replays (Tests/SimTests/FuzzRegressionTests.swift).
set -uo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS="${FUZZ_SECONDS:-300}"
FUZZ_TIMEOUT="${FUZZ_TIMEOUT:-25}"
FUZZ_RSS_MB="${FUZZ_RSS_MB:-4096}"
BIN="${FUZZ_BIN:-Fuzz/.build/release}"
readers=("$@")
[ ${#readers[@]} -gt 0 ] || readers=(scenario auction-instance acquisition-instance audit shard)

target_of() {
  case "$1" in
    scenario) echo FuzzScenario ;;
    auction-instance) echo FuzzAuctionInstance ;;
    acquisition-instance) echo FuzzAcquisitionInstance ;;
    audit) echo FuzzAudit ;;
    shard) echo FuzzShard ;;
    *) echo "unknown reader '$1'; expected scenario, auction-instance, acquisition-instance, audit or shard" >&2; return 1 ;;
  esac
}

# The files of scenarios/ that a reader reads.
scenario_seeds() {
  case "$1" in
    scenario) find scenarios -name '*.yaml' ;;
    auction-instance) grep -l '"user_model"' $(find scenarios -name '*.json') ;;
    acquisition-instance) grep -l '"signal_law"' $(find scenarios -name '*.json') ;;
    *) ;;
  esac
}

failed=()
for reader in "${readers[@]}"; do
  target="$(target_of "$reader")" || exit 2
  [ -x "$BIN/$target" ] || { echo "$BIN/$target is missing: run 'make fuzz-build' first" >&2; exit 2; }
  corpus="Fuzz/.build/corpus/$reader"
  crashes="Fuzz/.build/crashes/$reader"
  mkdir -p "$corpus" "$crashes"
  for f in $(scenario_seeds "$reader") Fuzz/seeds/"$reader"/* Fuzz/regressions/"$reader"/*; do
    [ -f "$f" ] && [ "$(basename "$f")" != README.md ] && cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
  done
  log="Fuzz/.build/$reader.log"
  echo "fuzz $reader: ${FUZZ_SECONDS}s ($BIN/$target, corpus $corpus)" >&2
  "$BIN/$target" "$corpus" -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" -rss_limit_mb="$FUZZ_RSS_MB" \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$crashes/" > "$log" 2>&1
  status=$?
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  if [ $status -ne 0 ]; then
    failed+=("$reader")
    echo "fuzz $reader: FAILED after ${runs:-?} inputs (exit $status); the input is in $crashes/, the report in $log:" >&2
    grep -E 'ERROR|SUMMARY|Fatal error|panic|Test unit written' "$log" | head -20 >&2
  else
    echo "fuzz $reader: ${runs:-?} inputs, no crash" >&2
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${failed[*]} failed" >&2
  exit 1
fi
