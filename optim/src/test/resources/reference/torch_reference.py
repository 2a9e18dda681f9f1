"""Runs torch.optim.NAdam or torch.optim.AdamW on the noisy quadratic that TorchReferenceTest wrote, and writes
the weights after each step.

Usage: python3 torch_reference.py nadam|adamw DATA OUT LR WEIGHT_DECAY [MOMENTUM_DECAY]

DATA holds float64 little-endian values: the step count S, the tensor count K, K (rows, cols) pairs, then
per element the curvature h, the minimum c and the initial weight, then S rows of noise. The gradient at
step s is h * (w - c) + noise[s], computed in float64 from the float32 weights and rounded to float32,
as the test does. LR is multiplied by the factor of each step (LambdaLR), which follow (S + 1 of them: LambdaLR asks for one after the last step).
WEIGHT_DECAY is decoupled: AdamW's own; for NAdam applied as torch.optim.AdamW applies it, w = w * (1 - lr * wd)
before the step. MOMENTUM_DECAY is NAdam's.
OUT gets the weights after each step as float32 little-endian.

PyTorch 1.13's NAdam multiplies mu_t into the product twice where it computes mu_{t+1}'s; PyTorch fixed
that in January 2023 (mu_product_next = mu_product * mu_next). The script applies the same one-line fix to
1.13's own function, and refuses to run if that line is not there (another version: check it by hand).
"""

import inspect
import struct
import sys

import torch
import torch.optim.nadam as nadam_module

BUGGY = 'mu_product_next = mu_product * mu * mu_next'
FIXED = 'mu_product_next = mu_product * mu_next'


def fixed_nadam():
    source = inspect.getsource(nadam_module._single_tensor_nadam)
    if BUGGY not in source:
        if FIXED in source:
            return
        raise SystemExit('torch %s: NAdam does not read as expected; check mu_product_next by hand' % torch.__version__)
    namespace = dict(vars(nadam_module))
    exec(compile(source.replace(BUGGY, FIXED), nadam_module.__file__, 'exec'), namespace)
    nadam_module._single_tensor_nadam = namespace['_single_tensor_nadam']


def main():
    name, data, out, lr, wd = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
    torch.set_num_threads(1)
    with open(data, 'rb') as f:
        raw = f.read()
    values = struct.unpack('<%dd' % (len(raw) // 8), raw)
    steps, count = int(values[0]), int(values[1])
    shapes = [(int(values[2 + 2 * k]), int(values[3 + 2 * k])) for k in range(count)]
    at = 2 + 2 * count
    n = sum(r * c for r, c in shapes)
    table = torch.tensor(values[at:at + 3 * n], dtype=torch.float64).reshape(n, 3)
    noise = torch.tensor(values[at + 3 * n:at + 3 * n + steps * n], dtype=torch.float64).reshape(steps, n)
    h, c = table[:, 0], table[:, 1]
    flat = table[:, 2].float()
    params, offset = [], 0
    for r, k in shapes:
        params.append(torch.nn.Parameter(flat[offset:offset + r * k].clone().reshape(r, k)))
        offset += r * k
    factors = [float(x) for x in values[at + 3 * n + steps * n:]]
    if name == 'nadam':
        fixed_nadam()
        optimizer = torch.optim.NAdam(params, lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                                      momentum_decay=float(sys.argv[6]), foreach=False)
        decay = wd
    else:
        optimizer = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=wd, foreach=False)
        decay = 0.0
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: factors[s])
    trajectory = []
    for s in range(steps):
        w = torch.cat([p.detach().reshape(-1) for p in params]).double()
        g = (h * (w - c) + noise[s]).float()
        offset = 0
        for p in params:
            p.grad = g[offset:offset + p.numel()].reshape(p.shape).clone()
            offset += p.numel()
        with torch.no_grad():
            rate = optimizer.param_groups[0]['lr']
            for p in params:
                p.mul_(1 - rate * decay)
        optimizer.step()
        scheduler.step()
        trajectory.extend(torch.cat([p.detach().reshape(-1) for p in params]).tolist())
    with open(out, 'wb') as f:
        f.write(struct.pack('<%df' % len(trajectory), *trajectory))


if __name__ == '__main__':
    main()
