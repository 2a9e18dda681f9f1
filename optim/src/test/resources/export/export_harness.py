"""What run_torch.py and run_optax_numpy.py share: reading the manifest of cases (its format is in run_torch.py),
loading the exported module, cutting the problem's data into arrays, and reporting a case that fails. PythonHarness
copies this file next to the script that imports it.
"""

import importlib.util
import json
import math
import sys
import traceback


def main(run):
    """Calls run(case) for each case of the manifest named on the command line; a case that raises writes its
    traceback to out + ".error" instead, and the others still run."""
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    for case in cases:
        try:
            run(case)
        except Exception:
            with open(case['out'] + '.error', 'w') as f:
                f.write(traceback.format_exc())


def load_attribute(path, name):
    spec = importlib.util.spec_from_file_location('exported_' + name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def problem(case, flat, copy):
    """The initial weights, then each step's gradients: per step a list with an array of each of the case's shapes,
    cut from flat (the values of the data file) and copied with copy (numpy.copy, torch.clone), so that no two
    arrays share memory."""
    shapes = case['shapes']
    size = sum(math.prod(s) for s in shapes)
    return [split(flat[size * k:size * (k + 1)], shapes, copy) for k in range(case['steps'] + 1)]


def split(flat, shapes, copy):
    arrays, offset = [], 0
    for shape in shapes:
        n = math.prod(shape)
        arrays.append(copy(flat[offset:offset + n].reshape(shape)))
        offset += n
    return arrays
