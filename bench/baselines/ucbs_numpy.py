"""W7 baseline: UCB-S on the strategic click-bandit, a straightforward numpy implementation.

UCB-S of Kleine Buening et al. 2024, Mechanism 1 (docs/reconstructions.md#ucb-s-radii): the A-1 instance
(mu = 0.8 ... 0.4, click-rates s*, lambda = 5), alpha = 2, ln T. One Python loop over rounds with
numpy arrays for the per-arm statistics, as one would write it first. Prints rounds_per_second.

    python3 bench/baselines/ucbs_numpy.py --horizon 100000 --seeds 2
"""
import argparse
import time

import numpy as np


def run(mu, s, lam, horizon, alpha, rng):
    k = len(mu)
    n = np.zeros(k)
    m = np.zeros(k)
    S = np.zeros(k)
    active = np.ones(k, dtype=bool)
    scale = alpha * np.log(horizon)
    pulls = np.zeros(k, dtype=np.int64)
    for t in range(horizon):
        u = rng.random(3)
        if active.any():
            with np.errstate(divide="ignore", invalid="ignore"):
                idx = np.where(m > 0, np.minimum(1.0, S / np.maximum(m, 1) + np.sqrt(scale / np.maximum(m, 1))), np.inf)
            idx = np.where(active, idx, -np.inf)
            best = np.flatnonzero(idx == idx.max())
            i = best[min(len(best) - 1, int(u[0] * len(best)))]
        else:
            i = min(k - 1, int(u[0] * k))
        pulls[i] += 1
        n[i] += 1
        if u[1] < s[i]:
            m[i] += 1
            S[i] += 1.0 if u[2] < mu[i] else 0.0
        if active[i]:
            rs = np.sqrt(scale / n[i])
            shat = m[i] / n[i]
            if m[i] > 0:
                rm = np.sqrt(scale / m[i])
                lo, hi = max(0.0, S[i] / m[i] - rm), min(1.0, S[i] / m[i] + rm)
            else:
                lo, hi = 0.0, 1.0
            L = min(1.0, lo * (2 * lam + 1) / (2 * lam))
            U = min(1.0, hi * (2 * lam + 1) / (2 * lam))
            if min(1.0, shat + rs) < L or max(0.0, shat - rs) > U:
                active[i] = False
    return pulls


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--horizon", type=int, default=100000)
    p.add_argument("--seeds", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    mu = np.array([0.8, 0.7, 0.6, 0.5, 0.4])
    s = np.minimum(1.0, 1.1 * mu)
    start = time.perf_counter()
    for r in range(a.seeds):
        run(mu, s, 5.0, a.horizon, 2.0, np.random.default_rng(a.seed * 1000 + r))
    sec = time.perf_counter() - start
    print(f"seconds: {sec:.3f}")
    print(f"rounds_per_second: {a.horizon * a.seeds / sec:.1f}")


if __name__ == "__main__":
    main()
