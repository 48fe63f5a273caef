#!/usr/bin/env bash
# Builds and runs the library example (PhantomMedianStudy) and compares what it prints with
# expected-output.txt; the MechSim version in the report header is masked. Run by `make test`.
# To accept a deliberate change of output: ./check-output.sh --update
set -euo pipefail
cd "$(dirname "$0")"
SWIFT="${SWIFT:-swift}"
"$SWIFT" build --package-path . --product PhantomMedianStudy >&2
actual="$(mktemp)"
trap 'rm -f "$actual"' EXIT
status=0
"$SWIFT" run --skip-build --package-path . PhantomMedianStudy > "$actual" || status=$?
sed -i -E 's/· mechsim [^ ]+$/· mechsim VERSION/' "$actual"
if [ "${1:-}" = "--update" ]; then
  cp "$actual" expected-output.txt
  echo "updated Examples/expected-output.txt" >&2
  exit "$status"
fi
if [ "$status" -ne 0 ]; then
  echo "Examples: PhantomMedianStudy exited with $status" >&2
  cat "$actual" >&2
  exit 1
fi
if ! diff -u expected-output.txt "$actual"; then
  echo "Examples: the output differs from Examples/expected-output.txt (diff above)" >&2
  exit 1
fi
echo "Examples: PhantomMedianStudy output matches expected-output.txt" >&2
