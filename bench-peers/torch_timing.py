"""What the PyTorch runners of bench-peers/run share (torch_step.py and torch_optim_step.py): the command line's
seed, round and timing options, one compute thread, and the harness of Timing.java (warm-up steps, then steps timed
one by one, and their order statistics) with the result line of Result.java. Not run by itself; the runners import
it from their own directory.
"""

import math
import sys
import time

import torch


def add_timing_arguments(parser, warmup_steps, measure_s, measure_steps):
    """--seed, --round and the timing options, as BenchOptions.java reads them (defaults per runner, as there)."""
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--round", type=int, default=1)
    parser.add_argument("--warmup-s", type=float, default=2)
    parser.add_argument("--warmup-steps", type=int, default=warmup_steps)
    parser.add_argument("--measure-s", type=float, default=measure_s)
    parser.add_argument("--measure-steps", type=int, default=measure_steps)
    parser.add_argument("--max-steps", type=int, default=100000)


def single_thread(*fields):
    """Makes torch use one thread and prints the info line: torch's version and threads, `fields`, Python's."""
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    print("\t".join(["info", "pytorch", "torch=" + torch.__version__, "threads=%d" % torch.get_num_threads(),
                     "interop_threads=%d" % torch.get_num_interop_threads(), *fields,
                     "python=" + sys.version.split()[0]]), flush=True)


def time_steps(step, a):
    """Runs step() for the warm-up, then times it step by step as Timing.run does. Returns the step times in ms,
    sorted, and the process's CPU time over wall time while they were taken."""
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
    return times, cpu_per_wall


def print_result(impl, workload, a, times, cpu_per_wall, params, losses=None):
    """Prints the result line of Result.java for the sorted step times of time_steps. `losses` is the initial and
    the last loss; None for a runner without a forward pass, whose loss fields are 0."""
    loss_fields = "0\t0" if losses is None else "%.5f\t%.5f" % losses
    print("result\t%s\t%s\t%d\t%.5f\t%.5f\t%.5f\t%.5f\t%d\t%s\t%d\t%.3f" % (
        impl, workload, a.round, quantile(times, 0.5), quantile(times, 0.1), quantile(times, 0.9), times[0],
        len(times), loss_fields, params, cpu_per_wall), flush=True)


def quantile(sorted_values, q):
    """Linear interpolation between order statistics, as Timing.Stats.quantile (and numpy's default)."""
    pos = q * (len(sorted_values) - 1)
    lo = int(math.floor(pos))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (pos - lo) * (sorted_values[hi] - sorted_values[lo])
