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
import sys

import torch

import torch_timing

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
    torch_timing.add_timing_arguments(p, warmup_steps=10, measure_s=4, measure_steps=30)
    a = p.parse_args()
    torch_timing.single_thread()
    for impl in a.impls.split(","):
        if impl not in IMPLS:
            sys.exit("torch_optim_step.py: unknown implementation '%s'; known: %s" % (impl, ", ".join(IMPLS)))
        torch.manual_seed(a.seed)
        w = torch.nn.Parameter(0.1 * torch.randn(a.params))
        g = torch.randn(a.params)
        step = adamw(w, g) if impl == "pytorch-adamw" else lion(w, g)
        step()
        times, cpu_per_wall = torch_timing.time_steps(step, a)
        torch_timing.print_result(impl, "step-%d" % a.params, a, times, cpu_per_wall, a.params)


if __name__ == "__main__":
    main()
