#!/usr/bin/env bash
# make test-html (part of make test): the HTML report in a real browser. For one small scenario
# of each family, runs 'mechsim run FILE --out r.json --html r.html', opens the page in headless
# Chromium and checks that
#   - the page is self-contained (no script, no URL but the SVG namespace),
#   - key numbers of the JSON output of the same run appear in the rendered DOM, with the
#     verdicts and the expectations' pass marks, and the plot (when --plot draws one) is inline,
#   - a 1200x2000 screenshot is not blank (many distinct colors, enough non-white pixels;
#     the PNG is decoded with python3's zlib, no imaging library).
# Without chromium (or chromium-browser) on PATH it prints "skipped: chromium not installed" and
# exits 0; '.ci/run' installs Debian's chromium first ('make browser-setup'), so CI always runs
# it. MECHSIM names the mechsim executable (default: .build/debug/mechsim, built by make test).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MECHSIM=${MECHSIM:-$ROOT/.build/debug/mechsim}

say() { echo "test-html: $*" >&2; }
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then
  echo "test-html: skipped: chromium not installed"
  exit 0
fi
[ -x "$MECHSIM" ] || { say "no mechsim executable at $MECHSIM (run 'swift build' or set MECHSIM)"; exit 1; }
command -v python3 >/dev/null || { say "python3 is needed to read the JSON and the screenshot"; exit 1; }

T=$(mktemp -d /tmp/mechsim-html.XXXXXX)
trap 'rm -rf "$T"' EXIT
# Chromium runs as root here (CI, containers): --no-sandbox; its profile in the temporary folder.
CHROME=("$BROWSER" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions
        --user-data-dir="$T/profile" --hide-scrollbars)

# family | scenario file | what the DOM must show (a python3 expression over the JSON document
# `d` (`D`: the document as a list of scenario reports) giving a list of strings; `s(x)` formats a number as the page does, 6 significant digits).
CASES=(
  "facility-location|scenarios/quickstart.yaml|[s(e['mean']) for r in d['reports'] for e in r['estimates']] + [s(e['ci95'][0]) for r in d['reports'] for e in r['estimates']] + [c['verdict'] for r in d['reports'] for c in r['checks']] + [w['ratio_exact'] for r in d['reports'] for w in r['worst_cases'] if w['ratio_exact']]"
  "position-auctions|scenarios/papers/balseiro2025-position-auctions/ex1-separable.yaml|[s(o['welfare']) for r in D for o in r['outcomes'] if 'welfare' in o] + [s(o['revenue']) for r in D for o in r['outcomes'] if 'revenue' in o] + [s(p) for r in D for o in r['outcomes'] for p in o.get('payments', [])]"
  "information-acquisition|scenarios/papers/cacciamani2023-information-acquisition/hiring-reference-values.yaml|[s(v['value']) for r in D for v in r['offline'] if v['value'] is not None] + [v['exact_value'] for r in D for v in r['offline'] if v.get('exact_value')] + [v['incentive_check'] for r in D for v in r['offline']]"
  "strategic-bandits|scenarios/papers/buening2024-strategic-linear/b2-short.yaml|[c['measured'] for r in D for c in r['criteria']] + [c['id'] for r in D for c in r['criteria']]"
  "derandomized|scenarios/papers/walsh2024-derandomized/voting-random-dictator.yaml|[o['exact'] for r in D for o in r['outcomes']] + [s(o['empirical']) for r in D for o in r['outcomes']] + [s(v) for r in D for v in r['metrics'].values()]"
)

failures=0
fail() { say "FAIL ($1): $2"; failures=$((failures + 1)); }

for case in "${CASES[@]}"; do
  IFS='|' read -r family file expr <<<"$case"
  html="$T/$family.html"
  start=$(date +%s)
  if ! "$MECHSIM" run "$file" --quiet --threads 2 --out "$T/$family.json" --plot "$T/$family.svg" --html "$html" >"$T/$family.txt" 2>"$T/$family.err"; then
    fail "$family" "mechsim run $file failed: $(cat "$T/$family.err")"
    continue
  fi
  # Self-contained: no script, no URL other than the SVG namespace.
  if grep -qi '<script' "$html"; then fail "$family" "the page has a script"; fi
  if grep -oE '(https?|ftp)://[^" ]*' "$html" | grep -vq '^http://www.w3.org/2000/svg$'; then
    fail "$family" "the page names an external resource: $(grep -oE '(https?|ftp)://[^" ]*' "$html" | grep -v '^http://www.w3.org/2000/svg$' | head -1)"
  fi
  if ! timeout 120 "${CHROME[@]}" --dump-dom "file://$html" >"$T/$family.dom" 2>"$T/$family.chrome.err"; then
    fail "$family" "chromium --dump-dom failed: $(tail -3 "$T/$family.chrome.err")"
    continue
  fi
  # The key numbers of the run's JSON, as the page writes them (HTML-escaped like the page).
  if ! python3 - "$T/$family.json" "$expr" >"$T/$family.keys" 2>"$T/$family.py.err" <<'EOF'
import html, json, sys
def s(x):
    # NumberFormatting.short: integers as integers, else 6 significant digits without trailing zeros.
    if x != x: return "nan"
    if x in (float("inf"), float("-inf")): return "inf" if x > 0 else "-inf"
    if x == 0: return "0"
    if float(x).is_integer() and abs(x) < 1e15: return str(int(x))
    t = "%.6g" % x
    if "." in t and "e" not in t: t = t.rstrip("0").rstrip(".")
    return t
d = json.load(open(sys.argv[1]))
keys = eval(sys.argv[2], {"s": s, "d": d, "D": d if isinstance(d, list) else [d]})
assert keys, "no key numbers found in the JSON"
for k in sorted(set(keys)): print(html.escape(k, quote=False))
EOF
  then
    fail "$family" "cannot read the key numbers from the JSON output: $(tail -1 "$T/$family.py.err")"
    continue
  fi
  missing=0
  while IFS= read -r key; do
    if ! grep -qF -- "$key" "$T/$family.dom"; then fail "$family" "the rendered page does not show '$key'"; missing=$((missing + 1)); fi
  done <"$T/$family.keys"
  grep -q 'mechsim version' "$T/$family.dom" || fail "$family" "no provenance in the rendered page"
  grep -qF -- "$file" "$T/$family.dom" || fail "$family" "the scenario file is not named in the page"
  if grep -q '"expectations": \[$\|"criteria": \[$' "$T/$family.json"; then
    grep -q '<td class="status">pass</td>' "$T/$family.dom" || fail "$family" "no expectation marked pass"
  fi
  # The plot --plot writes is drawn inline (when it draws any data).
  if [ -f "$T/$family.svg" ] && grep -q '<polyline\|<circle' "$T/$family.svg"; then
    grep -q '<svg' "$T/$family.dom" || fail "$family" "no inline plot"
  fi
  if ! timeout 120 "${CHROME[@]}" --screenshot="$T/$family.png" --window-size=1200,2000 "file://$html" >/dev/null 2>"$T/$family.chrome.err"; then
    fail "$family" "chromium --screenshot failed: $(tail -3 "$T/$family.chrome.err")"
    continue
  fi
  if ! verdict=$(python3 - "$T/$family.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, header = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR": header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT": idat += body
    pos += 12 + n
w, h, depth, color, _, _, interlace = header
assert depth == 8 and color in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
bpp = 3 if color == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colors, ink, seen = set(), 0, 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
    elif f == 2:
        line = bytearray((a + b) & 255 for a, b in zip(line, prev))
    elif f == 3:
        for i in range(stride): line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
    elif f == 4:
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 2 == 0:
        for x in range(0, stride, bpp * 2):
            px = bytes(line[x:x + 3])
            colors.add(px); seen += 1
            if px != b"\xff\xff\xff": ink += 1
    prev = line
share = ink / seen
print(f"{w}x{h}, {len(colors)} distinct colors, {100 * share:.1f}% non-white")
sys.exit(0 if len(colors) >= 16 and share >= 0.02 else 3)
EOF
  ); then
    fail "$family" "the screenshot looks blank (${verdict:-unreadable PNG})"
    continue
  fi
  say "$family: $file: $(wc -l <"$T/$family.keys") key values in the DOM, screenshot $verdict ($(($(date +%s) - start)) s)"
done

if [ "$failures" -gt 0 ]; then say "$failures failure(s)"; exit 1; fi
say "ok: the HTML report of every family renders in $("$BROWSER" --version 2>/dev/null | head -1)"
