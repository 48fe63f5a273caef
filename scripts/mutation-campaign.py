#!/usr/bin/env python3
"""Mutation campaign: feeds mutated scenario files, instance files and command lines to mechsim
and classifies what happens.

Each case runs the release mechsim once, at nice 19, with a wall-clock timeout and an address
space limit (ulimit -v), one case at a time. Outcomes:

  exit-0, exit-1, exit-2   normal exits (2: bad input refused)
  exit-other               any other exit status
  crash                    killed by a signal it raised itself (trap, abort, segfault)
  memory-limit             died or failed because an allocation hit the address-space limit
  timeout-with-estimate    still running at the timeout, having printed an estimate line first
  timeout-without-estimate still running at the timeout, with no estimate line on stderr

Mutations of the files under scenarios/: a deleted key, a retyped value (string, list,
mapping), NaN, +-inf, huge and negative numbers, "1/0", deep nesting, a duplicated key,
unicode, truncation; command-line mutations: numeric options set to -1, 0, huge, NaN, inf,
empty, an unknown option.

Usage: scripts/mutation-campaign.py [--cases N] [--seed S] [--timeout SECONDS] [--memory GiB]
       [--binary .build/release/mechsim] [--keep DIR] [--json]
The cases are drawn deterministically from --seed; interesting cases (crash, memory-limit,
timeout-without-estimate, exit-other) are written to --keep with their command for replay.
"""
import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HUGE_NUMBERS = ["1e308", "-1e308", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "18446744073709551616", "2147483648", "1e19", "1e9", "100000000", "-1", "0", "-0", "0.5", "1e-320"]
SPECIAL_NUMBERS = [".nan", "nan", "NaN", ".inf", "-.inf", "inf", "-inf", "\"1/0\"", "\"0/0\"", "\"1/3\"", "\"-1/0\""]
UNICODE = ["é", "\u202e", "😀", "\u0000", "\ufeff", "ｋ", "\u00a0"]


def deep(depth, kind):
    if kind == "list":
        return "[" * depth + "1" + "]" * depth
    return "{a: " * depth + "1" + "}" * depth


def mutate_yaml(text, rng):
    lines = text.split("\n")
    keyed = [i for i, l in enumerate(lines) if re.match(r"^\s*(- )?[A-Za-z_][\w-]*\s*:", l)]
    numeric = [(i, m) for i, l in enumerate(lines) for m in re.finditer(r"(?<![\w.])-?\d+(\.\d+)?(e-?\d+)?(?![\w.])", l)]
    kind = rng.choice(["delete", "retype", "number", "special", "nest", "duplicate", "unicode", "truncate", "number", "special"])
    if kind == "truncate":
        return kind, text[:rng.randrange(len(text) + 1)]
    if kind in ("number", "special") and numeric:
        i, m = rng.choice(numeric)
        value = rng.choice(HUGE_NUMBERS if kind == "number" else SPECIAL_NUMBERS)
        l = lines[i]
        lines[i] = l[:m.start()] + value + l[m.end():]
        return kind, "\n".join(lines)
    if not keyed:
        return "truncate", text[:rng.randrange(len(text) + 1)]
    i = rng.choice(keyed)
    l = lines[i]
    colon = l.index(":")
    if kind == "delete":
        del lines[i]
    elif kind == "retype":
        value = rng.choice(["abc", "[1, 2]", "{x: 1}", "\"\"", "true", "null", "[]", "{}", "-5", "1.5"])
        lines[i] = l[:colon + 1] + " " + value
    elif kind == "nest":
        lines[i] = l[:colon + 1] + " " + deep(rng.choice([50, 500, 5000]), rng.choice(["list", "map"]))
    elif kind == "duplicate":
        lines.insert(i + 1, l)
    elif kind == "unicode":
        u = rng.choice(UNICODE)
        lines[i] = l[:colon] + u + l[colon:] if rng.random() < 0.5 else l + u
    else:
        lines[i] = l[:colon + 1] + " " + rng.choice(HUGE_NUMBERS)
    return kind, "\n".join(lines)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for k, v in enumerate(node):
            yield from paths(v, prefix + (k,))


def mutate_json(text, rng):
    try:
        doc = json.loads(text)
    except ValueError:
        return "truncate", text[:rng.randrange(len(text) + 1)]
    kind = rng.choice(["delete", "retype", "number", "special", "nest", "duplicate", "unicode", "truncate", "number", "special"])
    if kind == "truncate":
        return kind, text[:rng.randrange(len(text) + 1)]
    candidates = [p for p in paths(doc) if p]
    if not candidates:
        return "truncate", text[:rng.randrange(len(text) + 1)]
    p = rng.choice(candidates)
    parent = doc
    for k in p[:-1]:
        parent = parent[k]
    last = p[-1]
    if kind == "delete":
        del parent[last]
        return kind, json.dumps(doc)
    if kind == "duplicate" and isinstance(parent, dict):
        body = json.dumps(doc)
        dup = json.dumps({last: parent[last]})[1:-1]
        return kind, body[:-1] + (", " if len(body) > 2 else "") + dup + "}" if p[:-1] == () else body.replace(dup, dup + ", " + dup, 1)
    if kind == "unicode":
        u = rng.choice(UNICODE)
        if isinstance(parent, dict):
            parent[str(last) + u] = parent.pop(last)
        else:
            parent[last] = u
        return kind, json.dumps(doc, ensure_ascii=False)
    if kind == "nest":
        depth = rng.choice([50, 500, 5000])
        return kind, json.dumps(doc).replace(json.dumps(parent[last]), "[" * depth + "1" + "]" * depth, 1)
    if kind == "retype":
        parent[last] = rng.choice(["abc", [1, 2], {"x": 1}, "", True, None, [], {}, -5, 1.5])
        return kind, json.dumps(doc)
    if kind == "number":
        body = json.dumps(doc)
        old = json.dumps(parent[last])
        return kind, body.replace(old, rng.choice(HUGE_NUMBERS), 1) if old in body else body
    parent[last] = rng.choice([float("nan"), float("inf"), float("-inf"), "1/0", "0/0", "-1/0"])
    return kind, json.dumps(doc)


def file_commands(rel):
    """The commands that read this file (FILE stands for its mutated copy)."""
    if rel.endswith(".json"):
        name = os.path.basename(rel)
        if "cacciamani" in rel and name.startswith("A"):
            return [["check", "optimal-correlated-mechanism", "--axiom", "incentive-compatibility", "--instance", "FILE"],
                    ["online", "explore-then-commit", "--instance", "FILE", "--horizons", "100", "--seeds", "2"]]
        if "cacciamani" in rel:
            return [["check", "optimal-ic-mechanism", "--axiom", "incentive-compatibility", "--instance", "FILE"],
                    ["online", "bandit", "--instance", "FILE", "--horizons", "100", "--seeds", "2"]]
        return [["outcome", "vcg", "--instance", "FILE"], ["check", "gsp", "--axiom", "dsic", "--instance", "FILE"]]
    return [["run", "FILE", "--threads", "1"]]


BASE_COMMANDS = [
    ["check", "median", "--axiom", "strategyproofness", "--agents", "3", "--grid", "8"],
    ["check", "random-rank", "--axiom", "universal-truthfulness", "--agents", "6", "--samples", "200", "--seed", "3"],
    ["check", "ucb-s", "--axiom", "desired-profile-approximate-ne", "--horizon", "3000", "--samples", "2", "--epsilon", "500"],
    ["check", "derandomized-random-dictator", "--axiom", "quasi-strategyproofness"],
    ["outcome", "order-statistic", "--profile", "0.3,0.3,0.9", "--param", "k=2"],
    ["ratio", "median", "--agents", "3", "--grid", "6"],
    ["simulate", "click-bandit", "--mechanism", "ucb-s", "--means", "0.8,0.5", "--click-rates", "0.8,0.5", "--horizon", "1000", "--seeds", "2"],
    ["online", "bandit", "--instance", "scenarios/papers/cacciamani2023-information-acquisition/B1-report-only.json",
     "--horizons", "100,1000", "--seeds", "2", "--alpha", "0.75", "--radius-scale", "1"],
    ["bench", "W1", "--profiles", "2000", "--agents", "11", "--repeat", "1"],
]
OPTION_VALUES = ["-1", "0", "1", "9223372036854775807", "9223372036854775808", "2147483648", "1e9", "nan", "inf", "-inf", "", "abc",
                 "1/0", "0.5", "-0", "1e308", "😀"]


def mutate_command(rng):
    args = list(rng.choice(BASE_COMMANDS))
    options = [i for i, a in enumerate(args) if a.startswith("--") and i + 1 < len(args) and not args[i + 1].startswith("--")]
    kind = rng.choice(["value", "value", "value", "unknown-option", "drop-value", "param"])
    if kind == "value" and options:
        i = rng.choice(options)
        args[i + 1] = rng.choice(OPTION_VALUES)
    elif kind == "unknown-option":
        args.insert(rng.randrange(1, len(args) + 1), rng.choice(["--frobnicate", "--agent", "--seed=", "-x", "--"]))
    elif kind == "drop-value" and options:
        del args[rng.choice(options) + 1]
    elif kind == "param":
        args += ["--param", rng.choice(["k=", "k=nan", "k=1e308", "p=-1", "=1", "k=2=3", "phantoms=[0,nan]", "alpha=inf", "k=9223372036854775808"])]
    else:
        kind = "value"
        if options:
            args[rng.choice(options) + 1] = rng.choice(OPTION_VALUES)
    return kind, args


def limit(memory_bytes):
    def apply():
        os.nice(19)
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.setsid()
    return apply


MEMORY_MARKERS = ("alloc", "out of memory", "cannot allocate", "memory exhausted", "std::bad_alloc", "mmap")


def classify(returncode, stderr, timed_out):
    if timed_out:
        return "timeout-with-estimate" if "estimate" in stderr else "timeout-without-estimate"
    low = stderr.lower()
    if returncode < 0 or returncode in (132, 133, 134, 135, 136, 137, 139):
        return "memory-limit" if any(m in low for m in MEMORY_MARKERS) else "crash"
    if returncode in (0, 1, 2):
        if returncode == 2 and "fatal error" in low:
            return "crash"
        return f"exit-{returncode}"
    return "exit-other"


def run_case(binary, args, cwd, timeout, memory_bytes):
    start = time.monotonic()
    p = subprocess.Popen([binary] + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         preexec_fn=limit(memory_bytes))
    try:
        _, err = p.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        _, err = p.communicate()
        timed_out = True
    stderr = err.decode("utf-8", "replace")
    return classify(p.returncode, stderr, timed_out), p.returncode, stderr, time.monotonic() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--memory", type=float, default=4, help="address-space limit in GiB")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/mechsim"))
    ap.add_argument("--keep", default=None, help="folder for the interesting cases")
    ap.add_argument("--command-share", type=float, default=0.25, help="share of command-line mutations")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    a = ap.parse_args()
    if not os.access(a.binary, os.X_OK):
        sys.exit(f"no executable at {a.binary}; build it with: swift build -c release --product mechsim")
    rng = random.Random(a.seed)
    files = sorted(os.path.relpath(os.path.join(d, f), ROOT) for d, _, fs in os.walk(os.path.join(ROOT, "scenarios"))
                   for f in fs if f.endswith((".yaml", ".yml", ".json")))
    memory_bytes = int(a.memory * 1024 ** 3)
    # Unmutated files first: one whose original run already outlasts the timeout (a paper's
    # full-size study) cannot tell a mutation's hang from its own length, so it is left out.
    slow = []
    for rel in list(files):
        for args in file_commands(rel):
            outcome, _, _, _ = run_case(a.binary, [os.path.join(ROOT, rel) if x == "FILE" else x for x in args], ROOT, a.timeout, memory_bytes)
            if outcome.startswith("timeout") or outcome == "memory-limit":
                slow.append(rel)
                files.remove(rel)
                break
    counts, by_kind, kept = Counter(), Counter(), []
    work = tempfile.mkdtemp(prefix="mechsim-mutation-")
    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
    started = time.monotonic()
    try:
        for n in range(a.cases):
            if rng.random() < a.command_share:
                kind, args = mutate_command(rng)
                source, text = "command line", None
            else:
                rel = rng.choice(files)
                with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
                    original = f.read()
                kind, text = (mutate_json if rel.endswith(".json") else mutate_yaml)(original, rng)
                source = rel
                path = os.path.join(work, "case" + os.path.splitext(rel)[1])
                with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
                    f.write(text)
                args = [path if x == "FILE" else x for x in rng.choice(file_commands(rel))]
            outcome, code, stderr, seconds = run_case(a.binary, args, ROOT, a.timeout, memory_bytes)
            counts[outcome] += 1
            by_kind[(kind, outcome)] += 1
            if outcome in ("crash", "memory-limit", "timeout-without-estimate", "exit-other"):
                case = {"case": n, "source": source, "mutation": kind, "outcome": outcome, "status": code,
                        "seconds": round(seconds, 2), "arguments": args, "stderr": stderr[-2000:]}
                kept.append(case)
                if a.keep:
                    base = os.path.join(a.keep, f"case-{n:05d}")
                    if text is not None:
                        ext = os.path.splitext(source)[1]
                        with open(base + ext, "w", encoding="utf-8", errors="surrogatepass") as f:
                            f.write(text)
                        case["arguments"] = [base + ext if x == path else x for x in args]
                    with open(base + ".json", "w", encoding="utf-8") as f:
                        json.dump(case, f, indent=2)
            for entry in os.listdir(work):
                full = os.path.join(work, entry)
                if os.path.isdir(full):
                    shutil.rmtree(full, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = {"cases": a.cases, "seed": a.seed, "timeout_seconds": a.timeout, "memory_gib": a.memory,
               "files": len(files), "left_out_slow_originals": slow,
               "seconds": round(time.monotonic() - started, 1), "outcomes": dict(sorted(counts.items())),
               "interesting": [{k: c[k] for k in ("case", "source", "mutation", "outcome", "status", "arguments")} | {"stderr_tail": c["stderr"][-300:]}
                               for c in kept]}
    if a.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{a.cases} cases (seed {a.seed}, timeout {a.timeout} s, address space {a.memory} GiB) in {summary['seconds']} s; "
              f"{len(files)} files mutated, {len(slow)} left out (their unmutated run outlasts the timeout: {', '.join(slow) or 'none'})")
        for k, v in sorted(counts.items()):
            print(f"  {k:26s} {v}")
        for c in kept:
            print(f"  case {c['case']}: {c['outcome']} (status {c['status']}) {c['source']} / {c['mutation']}: "
                  f"{' '.join(c['arguments'])}\n    {c['stderr'][-300:].strip()}")
    bad = sum(counts[k] for k in ("crash", "memory-limit", "timeout-without-estimate", "exit-other"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
