"""Runs optimizers exported to optax on the problem that OptaxExportTest wrote, with numpy standing in
for jax.numpy and minimal stand-ins for jax.tree_util and optax (JAX is not installed where the tests
run). It checks the export's arithmetic and its use of the pytree and optax interfaces, not JAX itself.

Usage: python3 run_optax_numpy.py MANIFEST.json

The manifest is the one run_torch.py reads, with "attribute" naming the function that returns the
GradientTransformation; "rate" and "factors" make learning_rate a schedule. The state's slots are its
fields after count, in the program's order.
"""

import importlib.util
import json
import math
import sys
import traceback
import types
from typing import Callable, NamedTuple

import numpy


class _TreeDef:
    """The structure of the only pytree the harness uses: a list of arrays."""

    def __init__(self, count):
        self.num_leaves = count

    def flatten_up_to(self, tree):
        assert isinstance(tree, list) and len(tree) == self.num_leaves, tree
        return list(tree)

    def unflatten(self, leaves):
        return list(leaves)


class GradientTransformation(NamedTuple):
    init: Callable
    update: Callable


def install_stand_ins():
    jax = types.ModuleType('jax')
    jax.numpy = numpy
    jax.tree_util = types.SimpleNamespace(
        tree_structure=lambda tree: _TreeDef(len(tree)),
        tree_map=lambda function, tree: [function(leaf) for leaf in tree])
    optax = types.ModuleType('optax')
    optax.GradientTransformation = GradientTransformation
    sys.modules.update({'jax': jax, 'jax.numpy': numpy, 'optax': optax})


def load_attribute(path, name):
    spec = importlib.util.spec_from_file_location('exported_' + name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def split(flat, shapes):
    arrays, offset = [], 0
    for shape in shapes:
        n = math.prod(shape)
        arrays.append(flat[offset:offset + n].reshape(shape).copy())
        offset += n
    return arrays


def run(case):
    factory = load_attribute(case['module'], case['attribute'])
    shapes = case['shapes']
    size = sum(math.prod(s) for s in shapes)
    with open(case['data'], 'rb') as f:
        data = numpy.frombuffer(f.read(), dtype='<f4')
    params = split(data[:size], shapes)
    kwargs = dict(case['kwargs'])
    factors = case['factors']
    if factors is not None:
        rate = case['rate']
        kwargs['learning_rate'] = lambda count: rate * factors[int(count)]
    transformation = factory(**kwargs)
    state = transformation.init(params)
    for step in range(case['steps']):
        grads = split(data[size * (step + 1):size * (step + 2)], shapes)
        updates, state = transformation.update(grads, state, params)
        params = [numpy.asarray(p + u, dtype=numpy.float32) for p, u in zip(params, updates)]
    out = [p.reshape(-1) for p in params]
    for k in range(len(case['slots'])):
        out.extend(numpy.asarray(leaf, dtype=numpy.float32).reshape(-1) for leaf in state[1 + k])
    with open(case['out'], 'wb') as f:
        f.write(numpy.concatenate(out).astype('<f4').tobytes())


def main():
    numpy.seterr(all='ignore')  # NaN and inf are values of the language, not errors
    install_stand_ins()
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    for case in cases:
        try:
            run(case)
        except Exception:
            with open(case['out'] + '.error', 'w') as f:
                f.write(traceback.format_exc())


if __name__ == '__main__':
    main()
