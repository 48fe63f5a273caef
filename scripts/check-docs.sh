#!/usr/bin/env bash
# Runs the examples of README.md and docs/*.md and compares their output with the text printed
# under them, so the documentation cannot drift from what mechsim prints.
#
# An example is a fenced block opened with ```console. In it, a line that starts with
# "$ mechsim " is a command; the lines up to the next command (or the end of the block) are its
# expected output (stdout, then stderr, as a terminal shows them when nothing is interleaved;
# trailing blank lines are ignored).
# A command that ends with "  # exit N" must exit with N; otherwise it must exit with 0.
# Lines that legitimately differ from run to run (timings) carry a marker and match any line:
# a line that is exactly "…" matches any number of lines (zero or more); a line containing "…"
# or "<varies>" matches any single line whose text before and after the marker agrees.
#
#   scripts/check-docs.sh            check every example (exit 1 on a difference)
#   scripts/check-docs.sh --update   rewrite the expected outputs in place (markers are kept
#                                    where the line still matches)
#   scripts/check-docs.sh FILE.md    only these files
#
# The commands run in the repository's root with the debug build of mechsim
# ($(swift build --show-bin-path)/mechsim, built if missing; MECHSIM=path overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
if ! command -v python3 >/dev/null; then
  echo "installing python3 with apt-get" >&2
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3
fi
if [ -z "${MECHSIM:-}" ]; then
  bin="$($SWIFT build --show-bin-path)"
  [ -x "$bin/mechsim" ] || $SWIFT build --product mechsim
  MECHSIM="$bin/mechsim"
fi
export MECHSIM
exec python3 - "$@" <<'PYTHON'
import os, re, subprocess, sys, time

ELLIPSIS = "\u2026"
VARIES = "<varies>"
mechsim = os.environ["MECHSIM"]
args = sys.argv[1:]
update = "--update" in args
files = [a for a in args if a != "--update"]
if not files:
    files = ["README.md"] + sorted(os.path.join("docs", f) for f in os.listdir("docs") if f.endswith(".md"))

def is_command(line):
    return line.startswith("$ mechsim ")

def parse_blocks(lines):
    """Yields (first, last) line indices (exclusive of the fences) of every ```console block."""
    i = 0
    while i < len(lines):
        if lines[i].rstrip() == "```console":
            j = i + 1
            while j < len(lines) and lines[j].rstrip() != "```":
                j += 1
            yield i + 1, j
            i = j + 1
        else:
            i += 1

def line_matches(expected, actual):
    for marker in (ELLIPSIS, VARIES):
        if marker in expected:
            before, _, after = expected.partition(marker)
            return actual.startswith(before) and actual.endswith(after) and len(actual) >= len(before) + len(after)
    return expected == actual

def matches(expected, actual):
    """Expected lines (with markers) against actual lines."""
    memo = {}
    def go(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(expected):
            result = j == len(actual)
        elif expected[i] == ELLIPSIS:
            result = any(go(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = j < len(actual) and line_matches(expected[i], actual[j]) and go(i + 1, j + 1)
        memo[key] = result
        return result
    return go(0, 0)

def merged_update(expected, actual):
    """The new expected text: the actual lines, keeping the markers. A line "…" keeps standing
    for the printed lines between the lines around it (when both are still found); a line with
    an inline marker is kept where it still matches the line printed in its place."""
    if matches(expected, actual):
        return expected
    import difflib
    plain = [e for e in expected if e != ELLIPSIS]
    where = {}  # index in plain -> index in actual
    ops = difflib.SequenceMatcher(None, plain, actual, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for k in range(i2 - i1):
                where[i1 + k] = j1 + k
        elif tag == "replace":  # a changed line pairs with the most similar printed line after the last pair
            j = j1
            for i in range(i1, i2):
                scores = [(difflib.SequenceMatcher(None, plain[i], actual[k]).ratio(), k) for k in range(j, j2)]
                best = max(scores, default=(0, None))
                if best[0] >= 0.6:
                    where[i] = best[1]
                    j = best[1] + 1
    out_of = {}  # actual index -> replacement ("…" or the expected marker line), None to drop
    p = 0
    for e in expected:
        if e == ELLIPSIS:
            before = where.get(p - 1, -1) if p > 0 else -1
            after = where.get(p, len(actual)) if p < len(plain) else len(actual)
            if (p == 0 or p - 1 in where) and (p == len(plain) or p in where) and before + 1 < after:
                out_of[before + 1] = ELLIPSIS
                for j in range(before + 2, after):
                    out_of[j] = None
            continue
        if (ELLIPSIS in e or VARIES in e) and p in where and line_matches(e, actual[where[p]]):
            out_of[where[p]] = e
        p += 1
    result = []
    for j, a in enumerate(actual):
        if j in out_of:
            if out_of[j] is not None:
                result.append(out_of[j])
        else:
            result.append(a)
    return result

def run(command):
    words = command.split("  # exit ")
    line = words[0].rstrip()
    want = int(words[1]) if len(words) > 1 else 0
    started = time.monotonic()
    p = subprocess.run(["bash", "-c", line[2:].replace("mechsim", '"$MECHSIM"', 1)],
                       capture_output=True, text=True, env=dict(os.environ, COLUMNS="100"))
    seconds = time.monotonic() - started
    out = p.stdout + p.stderr
    lines = out.split("\n")
    while lines and lines[-1] == "":  # trailing blank lines cannot be shown in a block
        lines.pop()
    return lines, p.returncode, want, seconds

def self_test():
    """The comparison and the update keep their promises (a broken checker would pass anything)."""
    E = ELLIPSIS
    cases = [
        (matches(["a", "b"], ["a", "b"]), True),
        (matches(["a", "b"], ["a", "c"]), False),
        (matches(["a"], ["a", "b"]), False),
        (matches(["a", E, "d"], ["a", "b", "c", "d"]), True),
        (matches(["a", E, "d"], ["a", "d"]), True),
        (matches(["a", E, "d"], ["a", "b", "c"]), False),
        (matches(["took " + E + " s"], ["took 0.12 s"]), True),
        (matches(["took " + E + " s"], ["took 0.12 ms"]), False),
        (matches(["(default: " + VARIES + ")"], ["(default: 8)"]), True),
        (merged_update(["a", E, "d"], ["a", "b", "c", "d", "e"]), ["a", E, "d", "e"]),
        (merged_update(["a", E, "x 1", "d"], ["a", "b", "x 2", "d"]), ["a", E, "x 2", "d"]),
        (merged_update(["t " + E + " s", "v 1"], ["t 5 s", "v 2"]), ["t " + E + " s", "v 2"]),
    ]
    for n, (got, want) in enumerate(cases):
        if got != want:
            sys.exit(f"check-docs: self-test {n} failed: got {got!r}, expected {want!r}")

self_test()
failures, count, slow = 0, 0, []
started = time.monotonic()
for path in files:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    changed = False
    for first, last in reversed(list(parse_blocks(lines))):
        block = lines[first:last]
        starts = [k for k, l in enumerate(block) if is_command(l)]
        new_block = block[:starts[0]] if starts else block
        for n, s in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(block)
            expected = block[s + 1:end]
            actual, code, want, seconds = run(block[s])
            count += 1
            if seconds > 5:
                slow.append(f"{path}:{first + s + 1}: {seconds:.1f} s: {block[s]}")
            ok = matches(expected, actual) and code == want
            if not ok and not update:
                failures += 1
                print(f"{path}:{first + s + 1}: {block[s]}", file=sys.stderr)
                if code != want:
                    print(f"  exit {code}, expected {want}", file=sys.stderr)
                import difflib
                for d in difflib.unified_diff(expected, actual, "documented", "printed", lineterm="", n=1):
                    print("  " + d, file=sys.stderr)
            if update and code != want:
                print(f"{path}:{first + s + 1}: exit {code}, expected {want}: {block[s]}", file=sys.stderr)
                failures += 1
            new_block.append(block[s])
            new_block.extend(merged_update(expected, actual) if update else expected)
        if update and new_block != block:
            lines[first:last] = new_block
            changed = True
    if changed:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print(f"updated {path}", file=sys.stderr)

elapsed = time.monotonic() - started
for s in slow:
    print(f"slow example (over 5 s): {s}", file=sys.stderr)
verb = "updated" if update else "checked"
print(f"check-docs: {count} examples {verb} in {elapsed:.1f} s, {failures} failing", file=sys.stderr)
sys.exit(1 if failures else 0)
PYTHON
