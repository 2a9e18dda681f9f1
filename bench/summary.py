#!/usr/bin/env python3
"""Summarizes a JMH JSON result of StepBenchmark: GB/s of logical traffic and the ratios.

Usage: python3 bench/summary.py [bench/target/jmh-result.json]

Bytes per step: an executor step reads w, g and every state slot and writes w and every slot,
4*n*(3 + 2*slots); the triad a[i] = b[i] + s*c[i] reads two arrays and writes one, 12*n. The slot
count is read from the program's signature, found where the benchmark finds it (programs/NAME.opt,
then bench/src/main/resources/NAME.opt). Standard library only.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEARCH = [os.path.join(ROOT, "programs"), os.path.join(ROOT, "bench", "src", "main", "resources")]


def slot_count(program):
    """The number of state slots: signature inputs without a default, less w, g and lr."""
    for directory in SEARCH:
        path = os.path.join(directory, program + ".opt")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            m = re.search(r"^\s*def\s+\w+\s*\(([^)]*)\)", text, re.M)
            if not m:
                sys.exit(f"summary: {path}: no 'def NAME(...)' line")
            inputs = [a.strip() for a in m.group(1).split(",") if a.strip() and "=" not in a]
            return len(inputs) - 3
    sys.exit(f"summary: no program '{program}' in {' or '.join(SEARCH)}")


def fmt(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "bench", "target", "jmh-result.json")
    with open(path, encoding="utf-8") as f:
        results = json.load(f)
    if not results:
        sys.exit(f"summary: {path} holds no results")
    ms = {}       # (method, program or None, n) -> (score ms/op, error)
    programs = []
    sizes = []
    others = [r for r in results if ".StepBenchmark." not in r["benchmark"]]
    for r in others:  # e.g. MutationBenchmark: reported as JMH prints it
        m = r["primaryMetric"]
        print(f"{r['benchmark']}: {m['score']:.1f} {m['scoreUnit']}")
    for r in results:
        if ".StepBenchmark." not in r["benchmark"]:
            continue
        method = r["benchmark"].rsplit(".", 1)[1]
        params = r.get("params", {})
        n = int(params["n"])
        program = params.get("program")
        metric = r["primaryMetric"]
        if metric["scoreUnit"] != "ms/op":
            sys.exit(f"summary: expected ms/op, got {metric['scoreUnit']} for {r['benchmark']}")
        error = metric.get("scoreError")
        ms[(method, program, n)] = (metric["score"], None if error in (None, "NaN") else float(error))
        if program is not None and program not in programs:
            programs.append(program)
        if n not in sizes:
            sizes.append(n)
    first = results[0]
    print(f"JVM: {first['vmName']} {first['vmVersion']} ({first['jvm']})")
    for n in sizes:
        triad = ms.get(("triad", None, n))
        triad_gbs = 12 * n / triad[0] / 1e6 if triad else None
        print(f"\nn = {n:,} floats; GB/s = logical bytes / time (1 GB = 1e9 bytes)")
        for method, label in (("triad", "triad   a[i] = b[i] + s*c[i]"), ("inPlace", "inPlace w[i] = w[i] - s*g[i]")):
            r = ms.get((method, None, n))
            if r:
                print(f"{label}: {r[0]:.3f} ms/op +- {fmt(r[1], 3)} (99.9%) = {12 * n / r[0] / 1e6:.2f} GB/s (12 B/element)")
        print()
        print("| program | slots | fused ms/op | fused GB/s | reference ms/op | reference GB/s | triad GB/s"
              " | fused/triad | fused/reference |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for program in programs:
            fused = ms.get(("fused", program, n))
            ref = ms.get(("reference", program, n))
            if not fused and not ref:
                continue
            slots = slot_count(program)
            step_bytes = 4 * n * (3 + 2 * slots)
            fused_gbs = step_bytes / fused[0] / 1e6 if fused else None
            ref_gbs = step_bytes / ref[0] / 1e6 if ref else None
            fused_ms = f"{fused[0]:.2f} +- {fmt(fused[1])}" if fused else "-"
            ref_ms = f"{ref[0]:.1f} +- {fmt(ref[1], 1)}" if ref else "-"
            vs_triad = fused_gbs / triad_gbs if fused and triad else None
            vs_ref = ref[0] / fused[0] if fused and ref else None
            print(f"| {program} | {slots} | {fused_ms} | {fmt(fused_gbs)} | {ref_ms} | {fmt(ref_gbs, 3)}"
                  f" | {fmt(triad_gbs)} | {fmt(vs_triad)} | {fmt(vs_ref, 1)} |")


if __name__ == "__main__":
    main()
