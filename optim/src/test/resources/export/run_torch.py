"""Runs optimizers exported to PyTorch on the problem that TorchExportTest wrote, and writes back the
final weights and state for the test to compare with OptSearch's reference interpreter.

Usage: python3 run_torch.py MANIFEST.json

The manifest is a list of cases: {"name", "module" (the exported .py), "attribute" (the class),
"kwargs" (constructor keyword arguments), "rate" (unused here), "factors" (null, or the learning-rate
factor at each step, applied with LambdaLR), "slots" (the state keys), "shapes", "steps", "data", "out"}.
data holds float32 little-endian values: the initial weights (the tensors one after the other), then
each step's gradient in the same layout. out gets the final weights, then each slot's tensors, in that
layout; a case that fails writes its traceback to out + ".error" instead.
"""

import struct

import torch

import export_harness


def read_floats(path):
    with open(path, 'rb') as f:
        raw = f.read()
    return torch.tensor(struct.unpack('<%df' % (len(raw) // 4), raw), dtype=torch.float32)


def run(case):
    optimizer_class = export_harness.load_attribute(case['module'], case['attribute'])
    weights, *gradients = export_harness.problem(case, read_floats(case['data']), torch.clone)
    params = [torch.nn.Parameter(t) for t in weights]
    optimizer = optimizer_class(params, **case['kwargs'])
    factors = case['factors']
    scheduler = None
    if factors is not None:
        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: factors[step])
    for grads in gradients:
        for p, g in zip(params, grads):
            if p.grad is None:
                p.grad = g
            else:
                # In place, as zero_grad() and backward() would: the state must not share the gradient.
                p.grad.copy_(g)
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
    out = [p.detach().reshape(-1) for p in params]
    for slot in case['slots']:
        out.extend(optimizer.state[p][slot].reshape(-1) for p in params)
    values = torch.cat(out).tolist()
    with open(case['out'], 'wb') as f:
        f.write(struct.pack('<%df' % len(values), *values))


def main():
    torch.set_num_threads(1)
    export_harness.main(run)


if __name__ == '__main__':
    main()
