#!/usr/bin/env python3
"""Baseline for the automated-design benchmark (W10): scipy.optimize.linprog with HiGHS.

Reads the design LP MechSim wrote (`mechsim bench W10 --compare` writes the very program that
`mechsim design` solves with GLPK) and solves it with HiGHS (`method="highs"`, scipy's default
dual simplex / IPM choice), timing only the solve. Prints the time, the status and the objective.

File format (text, one item per line):
    sense min|max
    variables N              (every variable has bounds [0, inf))
    objective K j1 c1 ... jK cK
    rows M
    <= | = | >= BOUND K j1 a1 ... jK aK     (M lines)

usage: design_highs.py FILE [--repeat R] [--time-limit SECONDS]
"""
import argparse
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def read(path):
    with open(path) as f:
        sense = f.readline().split()[1]
        n = int(f.readline().split()[1])
        obj = f.readline().split()[1:]
        c = np.zeros(n)
        k = int(obj[0])
        for t in range(k):
            c[int(obj[1 + 2 * t])] = float(obj[2 + 2 * t])
        m = int(f.readline().split()[1])
        ub = ([], [], [], [])   # rows, cols, vals, rhs
        eq = ([], [], [], [])
        for _ in range(m):
            parts = f.readline().split()
            rel, bound, k = parts[0], float(parts[1]), int(parts[2])
            target = eq if rel == "=" else ub
            sign = -1.0 if rel == ">=" else 1.0
            r = len(target[3])
            for t in range(k):
                target[0].append(r)
                target[1].append(int(parts[3 + 2 * t]))
                target[2].append(sign * float(parts[4 + 2 * t]))
            target[3].append(sign * bound)
    def matrix(part):
        if not part[3]:
            return None, None
        return csr_matrix((part[2], (part[0], part[1])), shape=(len(part[3]), n)), np.array(part[3])
    a_ub, b_ub = matrix(ub)
    a_eq, b_eq = matrix(eq)
    return sense, c, a_ub, b_ub, a_eq, b_eq


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=60.0)
    a = ap.parse_args()
    sense, c, a_ub, b_ub, a_eq, b_eq = read(a.file)
    sign = -1.0 if sense == "max" else 1.0
    best = float("inf")
    result = None
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        result = linprog(sign * c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None),
                         method="highs", options={"time_limit": a.time_limit})
        best = min(best, time.perf_counter() - t0)
    status = "optimal" if result.status == 0 else ("time-limit" if result.status == 1 else f"status-{result.status}")
    value = sign * result.fun if result.status == 0 else float("nan")
    print(f"seconds: {best:.6f} status: {status} objective: {value:.12g} variables: {len(c)}")


if __name__ == "__main__":
    main()
