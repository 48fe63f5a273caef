#!/usr/bin/env python3
"""Baseline for the assignment benchmark (issue 4): scipy.optimize.linear_sum_assignment.

Reads the matrices MechSim wrote (`mechsim bench W4 --compare` writes them as raw little-endian
float64, row-major, one n x n matrix after another) so both sides solve the same matrices, then
solves each `--repeat` times and prints the best time per solve and the sum of optimal costs.

usage: assignment_scipy.py FILE --n N --count K [--repeat R]
"""
import argparse
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    data = np.fromfile(a.file, dtype="<f8").reshape(a.count, a.n, a.n)
    best = float("inf")
    total = 0.0
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        s = 0.0
        for m in data:
            r, c = linear_sum_assignment(m)
            s += float(m[r, c].sum())
        best = min(best, time.perf_counter() - t0)
        total = s
    print(f"n: {a.n} count: {a.count} seconds_per_solve: {best / a.count:.9f} total_cost: {total:.9f}")


if __name__ == "__main__":
    main()
