"""W8 baseline: OptGTM on the strategic linear contextual bandit, a straightforward numpy
implementation in the style of the authors' code (per-arm V, b, theta = solve(V, b)).

The B-1 set-up (docs/reconstructions.md#linear-experiments): d = 5, theta* = (1, 1, 0.8, 1, 1), K = 4 truthful arms,
contexts U([-1, 1]^5), noise sd 0.5, lambda = 1, beta from the code's formula. Prints
rounds_per_second.

    python3 bench/baselines/optgtm_numpy.py --horizon 10000 --seeds 1
"""
import argparse
import time

import numpy as np


def run(theta, Y, horizon, rng):
    k, d = Y.shape
    lam = 1.0
    beta = np.sqrt(lam) * d + np.sqrt(2 * np.log(horizon) + d * np.log((1 + horizon * d) * lam))
    V = np.stack([lam * np.eye(d) for _ in range(k)])
    b = np.zeros((k, d))
    th = np.zeros((k, d))
    active = np.ones(k, dtype=bool)
    n = np.zeros(k)
    obs = np.zeros(k)
    lcb_sum = np.zeros(k)
    logT = np.log(horizon)
    ctx = rng.uniform(-1, 1, size=(horizon, d))
    regret = 0.0
    for t in range(horizon):
        X = ctx[t] * Y  # reported = true (truthful arms)
        means = X @ theta
        if not active.any():
            regret += means.max()
            continue
        ucb = np.full(k, -np.inf)
        lcb = np.zeros(k)
        for i in range(k):
            if active[i]:
                Vinv = np.linalg.inv(V[i])
                w = np.sqrt(X[i] @ Vinv @ X[i])
                ucb[i] = th[i] @ X[i] + beta * w
                lcb[i] = th[i] @ X[i] - beta * w
        i = int(np.argmax(ucb))
        r = means[i] + 0.5 * rng.standard_normal()
        regret += means.max() - means[i]
        V[i] += np.outer(X[i], X[i])
        b[i] += X[i] * r
        th[i] = np.linalg.solve(V[i], b[i])
        lcb_sum[i] += lcb[i]
        obs[i] += r
        n[i] += 1
        if lcb_sum[i] > obs[i] + 2 * np.sqrt(n[i] * logT):
            active[i] = False
    return regret


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--horizon", type=int, default=10000)
    p.add_argument("--seeds", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    theta = np.array([1, 1, 0.8, 1, 1.0])
    Y = np.array([[.1, -.1, -.1, -.1, -.1], [-.1, .1, -.1, -.1, -.1], [-.1, -.1, .1, -.1, -.1], [-.1, -.1, -.1, .1, -.1]])
    start = time.perf_counter()
    for r in range(a.seeds):
        run(theta, Y, a.horizon, np.random.default_rng(a.seed * 1000 + r))
    sec = time.perf_counter() - start
    print(f"seconds: {sec:.3f}")
    print(f"rounds_per_second: {a.horizon * a.seeds / sec:.1f}")


if __name__ == "__main__":
    main()
