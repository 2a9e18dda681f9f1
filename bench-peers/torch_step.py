"""One training step in PyTorch, single-threaded: the PyTorch column of bench-peers/run.

Trains the same networks as PeersBenchmark (see Workload.java) with torch.optim.AdamW (lr 0.001, weight decay
0.01, betas 0.9 and 0.999) on one random batch from a fixed seed, times each step (zero_grad, forward, loss,
backward, optimizer step) with time.perf_counter after a warm-up, and prints one tab-separated line per workload:

    result pytorch WORKLOAD ROUND MEDIAN_MS P10_MS P90_MS MIN_MS STEPS INITIAL_LOSS LAST_LOSS PARAMS CPU_PER_WALL

Run it with an interpreter that has torch (Debian: /usr/bin/python3 after apt-get install python3-torch):

    /usr/bin/python3 bench-peers/torch_step.py [--workloads mlp-64-64-10,...] [--measure-s 5] ...
"""

import argparse
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import torch_timing

CONTEXT, DEPTH, HEADS, MLP_RATIO = 64, 1, 2, 2

# label: (kind, inputs or vocab, hidden width or dim, classes or vocab, batch), as Workload.java
WORKLOADS = {
    "mlp-64-64-10": ("mlp", 64, 64, 10, 64),
    "mlp-784-256-10": ("mlp", 784, 256, 10, 128),
    "charlm-S": ("charlm", 81, 32, 81, 32),
}


def glorot(linear):
    """Glorot uniform weights and zero bias, as OptSearch's Dense and the DJL runner initialize them."""
    nn.init.xavier_uniform_(linear.weight)
    nn.init.zeros_(linear.bias)
    return linear


class Mlp(nn.Module):
    def __init__(self, inputs, hidden, classes):
        super().__init__()
        self.hidden = glorot(nn.Linear(inputs, hidden))
        self.out = glorot(nn.Linear(hidden, classes))

    def forward(self, x):
        return self.out(F.relu(self.hidden(x)))


class Block(nn.Module):
    """Pre-norm block: h = x + attention(ln1(x)); y = h + down(gelu_tanh(up(ln2(h))))."""

    def __init__(self, dim, heads, mlp_ratio, context):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(dim)
        self.qkv = glorot(nn.Linear(dim, 3 * dim))
        self.proj = glorot(nn.Linear(dim, dim))
        self.ln2 = nn.LayerNorm(dim)
        self.up = glorot(nn.Linear(dim, mlp_ratio * dim))
        self.down = glorot(nn.Linear(mlp_ratio * dim, dim))
        mask = torch.full((context, context), float("-inf")).triu(1)
        self.register_buffer("mask", mask)

    def attention(self, x):
        b, t, d = x.shape
        hd = d // self.heads
        q, k, v = self.qkv(x).split(d, dim=2)
        q = q.view(b, t, self.heads, hd).transpose(1, 2)
        k = k.view(b, t, self.heads, hd).transpose(1, 2)
        v = v.view(b, t, self.heads, hd).transpose(1, 2)
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hd)) + self.mask[:t, :t]
        out = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        return self.proj(out)

    def forward(self, x):
        h = x + self.attention(self.ln1(x))
        return h + self.down(F.gelu(self.up(self.ln2(h)), approximate="tanh"))


class CharTransformer(nn.Module):
    def __init__(self, vocab, context, dim, depth, heads, mlp_ratio):
        super().__init__()
        self.tokens = nn.Embedding(vocab, dim)
        self.positions = nn.Parameter(torch.empty(context, dim))
        nn.init.normal_(self.tokens.weight, std=0.02)
        nn.init.normal_(self.positions, std=0.02)
        self.blocks = nn.ModuleList([Block(dim, heads, mlp_ratio, context) for _ in range(depth)])
        self.final_norm = nn.LayerNorm(dim)
        self.head = glorot(nn.Linear(dim, vocab))

    def forward(self, ids):
        x = self.tokens(ids) + self.positions[: ids.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.head(self.final_norm(x))


def build(label, seed):
    kind, inputs, width, classes, batch = WORKLOADS[label]
    torch.manual_seed(seed)
    if kind == "mlp":
        model = Mlp(inputs, width, classes)
        x = torch.randn(batch, inputs)
        y = torch.randint(0, classes, (batch,))
    else:
        model = CharTransformer(classes, CONTEXT, width, DEPTH, HEADS, MLP_RATIO)
        tokens = torch.randint(0, classes, (batch, CONTEXT + 1))
        x, y = tokens[:, :-1].contiguous(), tokens[:, 1:].reshape(-1).contiguous()
    return model, x, y


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--workloads", default=",".join(WORKLOADS))
    torch_timing.add_timing_arguments(p, warmup_steps=50, measure_s=5, measure_steps=200)
    a = p.parse_args()
    torch_timing.single_thread("blas=" + blas_library())
    for label in a.workloads.split(","):
        if label not in WORKLOADS:
            sys.exit("torch_step.py: unknown workload '%s'; known: %s" % (label, ", ".join(WORKLOADS)))
        model, x, y = build(label, a.seed)
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.999), weight_decay=0.01)

        def step():
            optimizer.zero_grad(set_to_none=True)
            logits = model(x)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y)
            loss.backward()
            optimizer.step()
            return loss

        initial_loss = step().item()
        times, cpu_per_wall = torch_timing.time_steps(step, a)
        last_loss = step().item()
        params = sum(t.numel() for t in model.parameters())
        torch_timing.print_result("pytorch", label, a, times, cpu_per_wall, params, (initial_loss, last_loss))


def blas_library():
    """The BLAS library that torch's matrix products go to, as the dynamic loader resolved it. Debian's torch links
    the system's libblas.so.3, which is the reference BLAS (.../blas/) unless OpenBLAS (.../openblas-pthread/) or
    another provider is installed; pip's torch has MKL built in (no libblas is mapped then)."""
    found = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                name = os.path.basename(path).lower()
                if (name.startswith("libblas.so") or "mkl" in name) and path not in found:
                    found.append(path)
    except OSError:
        pass
    return "+".join(os.path.realpath(p) for p in found) or "built-in"


if __name__ == "__main__":
    main()
