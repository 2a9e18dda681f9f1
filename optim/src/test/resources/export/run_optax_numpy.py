"""Runs optimizers exported to optax on the problem that OptaxExportTest wrote, with numpy standing in
for jax.numpy and minimal stand-ins for jax.tree_util and optax (JAX is not installed where the tests
run). It checks the export's arithmetic and its use of the pytree and optax interfaces, not JAX itself.

Usage: python3 run_optax_numpy.py MANIFEST.json

The manifest is the one run_torch.py reads, with "attribute" naming the function that returns the
GradientTransformation; "rate" and "factors" make learning_rate a schedule. The state's slots are its
fields after count, in the program's order.
"""

import sys
import types
from typing import Callable, NamedTuple

import numpy

import export_harness


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


def run(case):
    factory = export_harness.load_attribute(case['module'], case['attribute'])
    with open(case['data'], 'rb') as f:
        data = numpy.frombuffer(f.read(), dtype='<f4')
    params, *gradients = export_harness.problem(case, data, numpy.copy)
    kwargs = dict(case['kwargs'])
    factors = case['factors']
    if factors is not None:
        rate = case['rate']
        kwargs['learning_rate'] = lambda count: rate * factors[int(count)]
    transformation = factory(**kwargs)
    state = transformation.init(params)
    for grads in gradients:
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
    export_harness.main(run)


if __name__ == '__main__':
    main()
