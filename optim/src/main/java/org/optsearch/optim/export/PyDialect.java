package org.optsearch.optim.export;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsearch.lang.Op;

/**
 * What differs between the PyTorch and the JAX output: the array module, the names of its functions, and
 * the small helper functions written into the generated module for the functions whose meaning in the
 * language ({@code org.optsearch.exec.Semantics}) no single library call has.
 */
enum PyDialect {
    TORCH("torch", helpers(
            helper("_guard", """
                    def _guard(y):
                        \"""The divisor y, with 1e-8 where it is zero: the language's division guard.\"""
                        if isinstance(y, torch.Tensor):
                            return torch.where(y == 0, torch.full_like(y, 1e-8), y)
                        return 1e-8 if y == 0 else y
                    """),
            helper("_like", """
                    def _like(value, tensor):
                        \"""A Python float (or a tensor) as a tensor with the dtype and device of tensor.\"""
                        return torch.as_tensor(value, dtype=tensor.dtype, device=tensor.device)
                    """),
            helper("_tensors", """
                    def _tensors(*values):
                        \"""The values as tensors: Python floats take the dtype and device of the first tensor.\"""
                        like = next(v for v in values if isinstance(v, torch.Tensor))
                        return [v if isinstance(v, torch.Tensor) else _like(v, like) for v in values]
                    """, "_like"),
            helper("_tensor", """
                    def _tensor(value):
                        \"""A Python float as a 0-d float64 tensor. Functions of Python floats go through torch,
                        which gives NaN or inf where the math module would raise (the language never fails).\"""
                        return torch.tensor(value, dtype=torch.float64)
                    """),
            helper("_sign", """
                    def _sign(x):
                        \"""-1, 0 or +1, and NaN for NaN (torch.sign gives 0 for NaN).\"""
                        return torch.where(torch.isnan(x), x, torch.sign(x))
                    """),
            helper("_cbrt", """
                    def _cbrt(x):
                        \"""The real cube root: _cbrt(-8) = -2.\"""
                        return torch.copysign(torch.abs(x).pow(1 / 3), x)
                    """),
            log1p("torch"),
            helper("_power", """
                    def _power(x, y):
                        \"""x to the power y as Java's Math.pow: torch.pow, except that 1 ** nan and
                        (+-1) ** (+-inf) are NaN.\"""
                        x, y = _tensors(x, y)
                        result = torch.pow(x, y)
                        undefined = torch.isnan(y) | ((torch.abs(x) == 1) & torch.isinf(y))
                        return torch.where(undefined, torch.full_like(result, float('nan')), result)
                    """, "_tensors"),
            helper("_clip", """
                    def _clip(x, c):
                        \"""x clipped to [-|c|, |c|]; NaN where x or c is NaN.\"""
                        x, c = _tensors(x, c)
                        bound = torch.abs(c)
                        return torch.minimum(torch.maximum(x, -bound), bound)
                    """, "_tensors"),
            helper("_clip_factor", """
                    def _clip_factor(norm, bound):
                        \"""What clip_by_global_norm scales by: |bound| / norm when the norm exceeds |bound|,
                        else 1 (also when the norm is NaN).\"""
                        norm, bound = _tensors(norm, bound)
                        bound = torch.abs(bound)
                        return torch.where(norm > bound, bound / norm, torch.ones_like(norm))
                    """, "_tensors"),
            helper("_dot", """
                    def _dot(x, y, params):
                        \"""The sum of x * y over every element of every parameter, in float64. x and y are
                        lists with one tensor per parameter, or scalars, which count at every element.\"""
                        total = torch.zeros((), dtype=torch.float64, device=params[0].device)
                        for i, p in enumerate(params):
                            xi = x[i] if isinstance(x, list) else x
                            yi = y[i] if isinstance(y, list) else y
                            product = torch.broadcast_to(_like(xi, p) * yi, p.shape)
                            total = total + torch.sum(product, dtype=torch.float64)
                        return total
                    """, "_like"),
            cosineSim("torch"),
            clipByGlobalNorm("torch"),
            helper("_rms", """
                    def _rms(x):
                        \"""The root mean square of the tensor (summed in float64), broadcast over it.\"""
                        return torch.sqrt(torch.sum(x.double() * x.double()) / x.numel()).to(x.dtype).expand_as(x)
                    """),
            helper("_mean", """
                    def _mean(x):
                        \"""The mean of the tensor (summed in float64), broadcast over it.\"""
                        return (torch.sum(x, dtype=torch.float64) / x.numel()).to(x.dtype).expand_as(x)
                    """),
            shapeFactor("torch", "torch.full_like(x, factor)"),
            orthogonalize("torch", "torch.sqrt(torch.sum(g.double() * g.double())).item()"),
            orthogonalizeScalar(),
            helper("_fresh", """
                    def _fresh(value, p):
                        \"""value as a new tensor shaped like p: a scalar is broadcast, a tensor copied, so that
                        a state slot never shares memory with p, its gradient or another slot.\"""
                        if isinstance(value, torch.Tensor):
                            return torch.empty_like(p).copy_(value)
                        return torch.full_like(p, value)
                    """))),

    JAX("jnp", helpers(
            helper("_guard", """
                    def _guard(y):
                        \"""The divisor y, with 1e-8 where it is zero: the language's division guard.\"""
                        return jnp.where(y == 0, 1e-8, y)
                    """),
            log1p("jnp"),
            helper("_power", """
                    def _power(x, y):
                        \"""x to the power y as Java's Math.pow: jnp.power, except that 1 ** nan and
                        (+-1) ** (+-inf) are NaN.\"""
                        undefined = jnp.isnan(y) | ((jnp.abs(x) == 1) & jnp.isinf(y))
                        return jnp.where(undefined, jnp.nan, jnp.power(x, y))
                    """),
            helper("_clip", """
                    def _clip(x, c):
                        \"""x clipped to [-|c|, |c|]; NaN where x or c is NaN.\"""
                        return jnp.minimum(jnp.maximum(x, -jnp.abs(c)), jnp.abs(c))
                    """),
            helper("_clip_factor", """
                    def _clip_factor(norm, bound):
                        \"""What clip_by_global_norm scales by: |bound| / norm when the norm exceeds |bound|,
                        else 1 (also when the norm is NaN).\"""
                        bound = jnp.abs(bound)
                        return jnp.where(norm > bound, bound / norm, 1.0)
                    """),
            helper("_dot", """
                    def _dot(x, y, params):
                        \"""The sum of x * y over every element of every parameter. x and y are lists with one
                        array per parameter leaf, or scalars, which count at every element.\"""
                        total = 0.0
                        for i, p in enumerate(params):
                            xi = x[i] if isinstance(x, list) else x
                            yi = y[i] if isinstance(y, list) else y
                            total = total + jnp.sum(jnp.broadcast_to(xi * yi, jnp.shape(p)))
                        return total
                    """),
            cosineSim("jnp"),
            clipByGlobalNorm("jnp"),
            helper("_rms", """
                    def _rms(x):
                        \"""The root mean square of the array, broadcast over it.\"""
                        return jnp.broadcast_to(jnp.sqrt(jnp.mean(x * x)), jnp.shape(x))
                    """),
            helper("_mean", """
                    def _mean(x):
                        \"""The mean of the array, broadcast over it.\"""
                        return jnp.broadcast_to(jnp.mean(x), jnp.shape(x))
                    """),
            shapeFactor("jnp", "jnp.full(jnp.shape(x), factor, dtype=x.dtype)"),
            orthogonalize("jnp", "jnp.sqrt(jnp.sum(g * g))"),
            orthogonalizeScalar()));

    /** A helper function: its Python source and the helpers it calls. */
    record Helper(String name, String source, List<String> needs) {
    }

    /** Elementwise functions that are one call of the array module, by their name there. */
    private static final Map<Op, String> TORCH_CALLS = calls(
            Op.ABS, "abs", Op.COS, "cos", Op.SIN, "sin", Op.TAN, "tan", Op.ARCSIN, "asin", Op.ARCCOS, "acos",
            Op.ARCTAN, "atan", Op.SINH, "sinh", Op.COSH, "cosh", Op.TANH, "tanh", Op.ARCSINH, "asinh",
            Op.ARCCOSH, "acosh", Op.ARCTANH, "atanh", Op.EXP, "exp", Op.EXP2, "exp2", Op.EXPM1, "expm1");
    private static final Map<Op, String> JAX_CALLS = calls(
            Op.ABS, "abs", Op.COS, "cos", Op.SIN, "sin", Op.TAN, "tan", Op.ARCSIN, "arcsin", Op.ARCCOS, "arccos",
            Op.ARCTAN, "arctan", Op.SINH, "sinh", Op.COSH, "cosh", Op.TANH, "tanh", Op.ARCSINH, "arcsinh",
            Op.ARCCOSH, "arccosh", Op.ARCTANH, "arctanh", Op.EXP, "exp", Op.EXP2, "exp2", Op.EXPM1, "expm1",
            Op.SIGN, "sign", Op.CBRT, "cbrt");

    private final String module;
    private final Map<String, Helper> helpers;

    PyDialect(String module, Map<String, Helper> helpers) {
        this.module = module;
        this.helpers = helpers;
    }

    /** The array module's name in generated code: {@code torch} or {@code jnp}. */
    String module() {
        return module;
    }

    /** The function of the array module that computes {@code op} alone, or null. */
    String call(Op op) {
        String name = (this == TORCH ? TORCH_CALLS : JAX_CALLS).get(op);
        return name == null ? null : module + "." + name;
    }

    /**
     * Whether a function of Python floats must be computed on tensors: torch functions take tensors
     * only; {@code jnp} functions take floats as they are.
     */
    boolean functionsNeedTensors() {
        return this == TORCH;
    }

    /** Every helper name this dialect may define: generated code must not use them for variables. */
    Set<String> helperNames() {
        return helpers.keySet();
    }

    /** The sources of {@code used} and of the helpers they call, in a fixed order, one blank line apart. */
    List<String> helperSources(Set<String> used) {
        Set<String> needed = new HashSet<>();
        for (String name : used) {
            addWithNeeds(name, needed);
        }
        List<String> sources = new ArrayList<>();
        for (Helper h : helpers.values()) {
            if (needed.contains(h.name())) {
                sources.add(h.source().strip());
            }
        }
        return sources;
    }

    private void addWithNeeds(String name, Set<String> needed) {
        Helper h = helpers.get(name);
        if (h == null) {
            throw new IllegalStateException("no helper " + name + " for " + this);
        }
        if (needed.add(name)) {
            h.needs().forEach(n -> addWithNeeds(n, needed));
        }
    }

    private static Helper helper(String name, String source, String... needs) {
        return new Helper(name, source, List.of(needs));
    }

    /*
     * The helpers below are the same in both dialects but for the array module, written xp here (as the array
     * API standard calls it): each builds on helpers or functions that both modules have under one name.
     */

    private static Helper log1p(String module) {
        return inModule(module, helper("_log1p", """
                def _log1p(x):
                    \"""ln|1 + x|: log1p(x) where x > -1, ln(-1 - x) elsewhere.\"""
                    return xp.where(x > -1, xp.log1p(x), xp.log(-1 - x))
                """));
    }

    private static Helper cosineSim(String module) {
        return inModule(module, helper("_cosine_sim", """
                def _cosine_sim(x, y, params):
                    \"""dot(x, y) / (global_norm(x) * global_norm(y)), with the division guard.\"""
                    norms = xp.sqrt(_dot(x, x, params)) * xp.sqrt(_dot(y, y, params))
                    return _dot(x, y, params) / _guard(norms)
                """, "_dot", "_guard"));
    }

    private static Helper clipByGlobalNorm(String module) {
        return inModule(module, helper("_clip_by_global_norm", """
                def _clip_by_global_norm(x, bound, params):
                    \"""The list x scaled so that its global norm is at most |bound|.\"""
                    factor = _clip_factor(xp.sqrt(_dot(x, x, params)), bound)
                    return [xi * factor for xi in x]
                """, "_dot", "_clip_factor"));
    }

    /**
     * sqrt(max(1, fan-out / fan-in)) of a tensor (Muon's scale): its outputs are its first dimension in PyTorch
     * (out x in...), its last in JAX (Flax's kernels are ... x in x out); 1 for a 1-D one.
     */
    private static Helper shapeFactor(String module, String full) {
        boolean torch = module.equals("torch");
        return inModule(module, helper("_shape_factor", """
                def _shape_factor(x):
                    \"""sqrt(max(1, fan_out / fan_in)) of the tensor, its OUTPUTS dimension its outputs and the rest its
                    inputs, broadcast over it; 1 for a tensor with one dimension, one output or one input.\"""
                    outs = x.shape[AXIS] if x.ndim >= 2 else 1
                    ins = x.size // outs if x.ndim >= 2 else 1
                    factor = max(1.0, outs / ins) ** 0.5 if outs > 1 and ins > 1 else 1.0
                    return FULL
                """.replace("FULL", full).replace("AXIS", torch ? "0" : "-1").replace("OUTPUTS", torch ? "first" : "last")
                .replace("x.size", torch ? "x.numel()" : "x.size")));
    }

    /**
     * Muon's Newton-Schulz of a tensor as a matrix, outputs by inputs in PyTorch (its first dimension by the
     * rest), inputs by outputs in JAX (the rest by its last dimension); a tensor with one row or one column is
     * one row.
     */
    private static Helper orthogonalize(String module, String norm) {
        boolean torch = module.equals("torch");
        return inModule(module, helper("_orthogonalize", """
                def _orthogonalize(x):
                    \"""Muon's quintic Newton-Schulz (5 iterations) of the tensor as a matrix, VIEW; a tensor with
                    one row or one column is one row.\"""
                    rows = ROWS if x.ndim >= 2 else 1
                    g = x.reshape(rows, -1)
                    if g.shape[1] == 1:
                        g = g.reshape(1, -1)
                    m = g / (NORM + 1e-7)
                    tall = m.shape[0] > m.shape[1]
                    if tall:
                        m = m.T
                    for _ in range(5):
                        s = m @ m.T
                        m = 3.4445 * m + (-4.775 * s + 2.0315 * (s @ s)) @ m
                    return (m.T if tall else m).reshape(x.shape)
                """.replace("NORM", norm).replace("ROWS", torch ? "x.shape[0]" : "x.size // x.shape[-1]")
                .replace("VIEW", torch ? "its first dimension by the rest" : "the rest by its last dimension")));
    }

    /** orthogonalize of a number: the iteration on a 1 x 1 matrix, in plain arithmetic. */
    private static Helper orthogonalizeScalar() {
        return helper("_orthogonalize_scalar", """
                def _orthogonalize_scalar(x):
                    \"""orthogonalize of a number: its sign times the Newton-Schulz factor of |x| / (|x| + 1e-7).\"""
                    s = abs(x) / (abs(x) + 1e-7)
                    for _ in range(5):
                        s = 3.4445 * s - 4.775 * s ** 3 + 2.0315 * s ** 5
                    return s if x > 0 else -s if x < 0 else x * 0.0
                """);
    }

    /** {@code h} with every {@code xp.} in its source calling {@code module} instead. */
    private static Helper inModule(String module, Helper h) {
        return new Helper(h.name(), h.source().replace("xp.", module + "."), h.needs());
    }

    private static Map<String, Helper> helpers(Helper... list) {
        Map<String, Helper> map = new LinkedHashMap<>();
        for (Helper h : list) {
            map.put(h.name(), h);
        }
        return map;
    }

    private static Map<Op, String> calls(Object... pairs) {
        Map<Op, String> map = new EnumMap<>(Op.class);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Op) pairs[i], (String) pairs[i + 1]);
        }
        return map;
    }
}
