#!/usr/bin/env python3
"""W1 baseline: the facility-location Monte Carlo of `mechsim bench W1`, vectorized with numpy.

Each profile holds n locations drawn uniformly on [0, 1]. On every profile, exactly (no sampling
inside a profile):
  - Random Rank (the k-th smallest report, k uniform on 1..n): its expected total cost and its
    expected max cost over that lottery;
  - Uniform Phantom (the median of the n reports and the n + 1 phantoms 0, 1/n, ..., 1): the
    location and its total cost;
  - the left median (the ceil(n/2)-th smallest report): its total cost.
The script prints the mean of each metric over the profiles, then the throughput; `mechsim bench
W1 --compare` reads `profiles_per_second`.

With `--input FILE` the profiles are read from FILE (little-endian float64, one profile of
--agents numbers after another) instead of being drawn, and nothing is timed but the same lines
are printed: the tests compare these means with MechSim's on the same profiles.

    python3 bench/baselines/facility_numpy.py --profiles 100000 --agents 101 --seed 1
"""
import argparse
import sys
import time

import numpy as np

METRICS = ("random_rank_total_cost", "random_rank_max_cost", "uniform_phantom_location",
           "uniform_phantom_total_cost", "median_total_cost")


class Workload:
    """The per-profile formulas for profiles of n agents, on sorted rows."""

    def __init__(self, n):
        self.n = n
        k = np.arange(1, n + 1, dtype=np.float64)           # ranks 1..n
        # Sum over pairs i < j of (s_j - s_i) = sum_j (2j - n - 1) s_j; Random Rank's E[TC] is
        # (1/n) sum_j sum_i |s_i - s_j|, twice that sum divided by n.
        self.pair_weights = 2.0 * (2.0 * k - n - 1.0) / n
        # The (n+1)-th smallest of the reports and the phantoms m/n (m = 0..n):
        # min over j = 1..n of max(s_j, (n - j)/n); the term j = 0 (phantom 1) never binds
        # since the j = n term is s_n <= 1.
        self.phantom_floor = (n - k) / n
        self.median_rank = (n + 1) // 2                    # 1-based rank of the left median

    def evaluate(self, x):
        """Per-metric sums over the rows of x (P x n, unsorted)."""
        n = self.n
        s = np.sort(x, axis=1)
        lo, hi = s[:, 0], s[:, -1]

        rr_total = s @ self.pair_weights
        # max(s_j - lo, hi - s_j) = (hi - lo)/2 + |s_j - (lo + hi)/2|
        d = s - (0.5 * (lo + hi))[:, None]
        np.abs(d, out=d)
        rr_max = 0.5 * (hi - lo) + d.sum(axis=1) / n

        up = np.maximum(s, self.phantom_floor).min(axis=1)
        d = s - up[:, None]
        np.abs(d, out=d)
        up_total = d.sum(axis=1)

        r = self.median_rank
        med = s[:, r - 1]
        # sum |s_i - s_r| = (sum of those above) - (sum of those below) + (2r - 1 - n) s_r
        med_total = s[:, r:].sum(axis=1) - s[:, :r - 1].sum(axis=1) + (2 * r - 1 - n) * med

        return (rr_total.sum(), rr_max.sum(), up.sum(), up_total.sum(), med_total.sum())

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--profiles", type=int, default=100_000)
    ap.add_argument("--agents", type=int, default=101)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--block", type=int, default=4096, help="profiles drawn and evaluated at once")
    ap.add_argument("--input", help="read the profiles from this float64 file instead of drawing them")
    a = ap.parse_args()
    if a.agents < 1 or a.block < 1 or (a.input is None and a.profiles < 1):
        sys.exit("facility_numpy.py: --profiles, --agents and --block must be at least 1")

    w = Workload(a.agents)
    totals = np.zeros(len(METRICS))
    if a.input is not None:
        x = np.fromfile(a.input, dtype="<f8")
        if x.size == 0 or x.size % a.agents:
            sys.exit(f"facility_numpy.py: {a.input} holds {x.size} numbers, not a positive multiple of --agents {a.agents}")
        x = x.reshape(-1, a.agents)
        count = x.shape[0]
        start = time.perf_counter()
        totals += w.evaluate(x)
    else:
        count = a.profiles
        rng = np.random.default_rng(a.seed)
        start = time.perf_counter()
        done = 0
        while done < count:
            m = min(a.block, count - done)
            totals += w.evaluate(rng.random((m, a.agents)))
            done += m
    elapsed = time.perf_counter() - start

    for name, total in zip(METRICS, totals):
        print(f"{name}: {total / count:.12f}")
    print(f"profiles: {count} agents: {a.agents} seconds: {elapsed:.3f} "
          f"profiles_per_second: {count / max(elapsed, 1e-9):.0f}")


if __name__ == "__main__":
    main()
