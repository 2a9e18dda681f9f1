"""The same Newton-Schulz math as OptSearch's orthogonalize, in PyTorch on the CPU (float32).

Usage: torch_ns.py N ROUNDS. Prints rows in the format of OrthogonalizeBench: one thread, then
torch's default thread count. Run by bench/orthogonalize/run.
"""
import sys
import time

import torch


def newton_schulz(g):
    a, b, c = 3.4445, -4.7750, 2.0315
    x = g / (g.norm() + 1e-7)
    tall = g.size(0) > g.size(1)
    if tall:
        x = x.T
    for _ in range(5):
        s = x @ x.T
        t = b * s + c * s @ s
        x = a * x + t @ x
    return x.T if tall else x


def muon_like_step(w, g, m, lr=0.02, beta=0.95):
    m.mul_(beta).add_(g, alpha=1 - beta)   # interp(g, m, beta) as the program writes it: (1-b) g + b m
    n = g.mul(1 - beta).add_(m, alpha=beta)
    o = newton_schulz(n)
    scale = max(1.0, w.size(0) / w.size(1)) ** 0.5
    w.sub_(o, alpha=lr * scale)


def best(rounds, work):
    work()
    work()
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    n = int(sys.argv[1])
    rounds = int(sys.argv[2])
    flops = 5 * (4 * n ** 3 + 2 * n ** 3)
    torch.manual_seed(0)
    a = torch.rand(n, n) - 0.5
    b = torch.rand(n, n) - 0.5
    w = torch.rand(n, n) - 0.5
    m = torch.zeros(n, n)
    default_threads = torch.get_num_threads()
    for threads in (1, default_threads):
        torch.set_num_threads(threads)
        label = f"PyTorch {torch.__version__} ({threads} thread{'s' if threads > 1 else ''})"
        with torch.no_grad():
            gemm = best(rounds * 2, lambda: a @ b)
            ns = best(rounds, lambda: newton_schulz(a))
            step = best(rounds, lambda: muon_like_step(w, b, m))
        print(f"{label + ' GEMM (a @ b)':<44} {gemm * 1e3:9.2f} {2 * n ** 3 / gemm / 1e9:9.1f}")
        print(f"{label + ' Newton-Schulz':<44} {ns * 1e3:9.2f} {flops / ns / 1e9:9.1f}")
        print(f"{label + ' Muon-like step':<44} {step * 1e3:9.2f} {flops / step / 1e9:9.1f}")
        if default_threads == 1:
            break


if __name__ == "__main__":
    main()
