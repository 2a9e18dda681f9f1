"""One optimizer step on 10^7 parameters in PyTorch, single-threaded: the PyTorch rows of bench-peers/run optim.

Times, on one tensor of --params float32 parameters with a fixed random gradient (weights ~ N(0, 0.1^2), gradient
~ N(0, 1)), with time.perf_counter after a warm-up:

    pytorch-adamw  torch.optim.AdamW(foreach=True), lr 1e-3, betas 0.9 and 0.999, eps 1e-8, weight decay 0.01
    pytorch-lion   Lion as the paper writes it, with in-place ops and one preallocated buffer:
                   c = beta1*m + (1-beta1)*g;  w -= lr*(sign(c) + wd*w);  m = beta2*m + (1-beta2)*g
                   (lr 1e-4, betas 0.9 and 0.99, weight decay 1.0: as OptimStepRunners)

and prints one tab-separated line per implementation, in the format of Result.java (workload step-PARAMS; the two
loss fields are 0):

    result IMPL step-PARAMS ROUND MEDIAN_MS P10_MS P90_MS MIN_MS STEPS 0 0 PARAMS CPU_PER_WALL

Usage: /usr/bin/python3 bench-peers/torch_optim_step.py [--params 10000000] [--impls pytorch-adamw,pytorch-lion]
"""

import argparse
import math
import sys
import time

import torch

IMPLS = ("pytorch-adamw", "pytorch-lion")


def adamw(w, g):
    w.grad = g
    optimizer = torch.optim.AdamW([w], lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01, foreach=True)
    return optimizer.step


def lion(w, g, lr=1e-4, beta1=0.9, beta2=0.99, wd=1.0):
    m = torch.zeros_like(w)
    c = torch.empty_like(w)

    @torch.no_grad()
    def step():
        torch.mul(m, beta1, out=c)
        c.add_(g, alpha=1 - beta1).sign_()
        w.mul_(1 - lr * wd).add_(c, alpha=-lr)
        m.mul_(beta2).add_(g, alpha=1 - beta2)

    return step


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--impls", default=",".join(IMPLS))
    p.add_argument("--params", type=int, default=10_000_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--round", type=int, default=1)
    p.add_argument("--warmup-s", type=float, default=2)
    p.add_argument("--warmup-steps", type=int, default=10)
    p.add_argument("--measure-s", type=float, default=4)
    p.add_argument("--measure-steps", type=int, default=30)
    p.add_argument("--max-steps", type=int, default=100000)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    print("\t".join(["info", "pytorch", "torch=" + torch.__version__, "threads=%d" % torch.get_num_threads(),
                     "interop_threads=%d" % torch.get_num_interop_threads(),
                     "python=" + sys.version.split()[0]]), flush=True)
    for impl in a.impls.split(","):
        if impl not in IMPLS:
            sys.exit("torch_optim_step.py: unknown implementation '%s'; known: %s" % (impl, ", ".join(IMPLS)))
        torch.manual_seed(a.seed)
        w = torch.nn.Parameter(0.1 * torch.randn(a.params))
        g = torch.randn(a.params)
        step = adamw(w, g) if impl == "pytorch-adamw" else lion(w, g)
        step()
        start = time.perf_counter()
        i = 0
        while i < a.max_steps and (i < a.warmup_steps or time.perf_counter() - start < a.warmup_s):
            step()
            i += 1
        times = []
        cpu0 = time.process_time()
        start = time.perf_counter()
        while len(times) < a.max_steps and (len(times) < a.measure_steps or time.perf_counter() - start < a.measure_s):
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1e3)
        cpu_per_wall = (time.process_time() - cpu0) / (time.perf_counter() - start)
        times.sort()
        print("result\t%s\tstep-%d\t%d\t%.5f\t%.5f\t%.5f\t%.5f\t%d\t0\t0\t%d\t%.3f" % (
            impl, a.params, a.round, quantile(times, 0.5), quantile(times, 0.1), quantile(times, 0.9), times[0],
            len(times), a.params, cpu_per_wall), flush=True)


def quantile(sorted_values, q):
    """Linear interpolation between order statistics, as Timing.Stats.quantile (and numpy's default)."""
    pos = q * (len(sorted_values) - 1)
    lo = int(math.floor(pos))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (pos - lo) * (sorted_values[hi] - sorted_values[lo])


if __name__ == "__main__":
    main()
