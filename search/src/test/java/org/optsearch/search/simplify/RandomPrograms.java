package org.optsearch.search.simplify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;
import org.optsearch.lang.Statement;

/**
 * Random valid programs for the property tests of simplification. Besides random statements they
 * contain, often, the patterns the rewrite rules look for (an interp of an interp, {@code x /
 * sqrt(x * x)}, {@code x * 1.0}, literals only, copies, repeated statements), so every rule gets
 * exercised; names are reassigned now and then, as the paper's programs do.
 */
final class RandomPrograms {
    /** Functions for random statements: smooth ones mostly, a few reductions, no power or exp. */
    static final List<Op> OPS = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.MAX, Op.MIN, Op.ABS, Op.SIN, Op.COS,
            Op.TANH, Op.ARCTAN, Op.SIGN, Op.SQUARE, Op.SQRT, Op.NEGATIVE, Op.INVERT, Op.INTERP, Op.CLIP,
            Op.NORM, Op.GLOBAL_NORM, Op.DOT, Op.CLIP_BY_GLOBAL_NORM, Op.CBRT, Op.GET_PI, Op.LOG1P);
    private static final double[] NICE = {0.0, 1.0, -1.0, 0.5, 2.0, 0.9, 0.99};

    private final SplittableRandom rnd;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Boolean> seesGradient = new HashMap<>();
    private final List<Statement> body = new ArrayList<>();
    private int fresh;

    private RandomPrograms(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /** A valid program with 0-2 slots and about 4-16 statements. */
    static Program generate(SplittableRandom rnd) {
        for (int attempt = 0; ; attempt++) {
            Program p = new RandomPrograms(rnd.split()).draft();
            if (Analysis.of(p).valid()) {
                return p;
            }
            if (attempt > 1000) {
                throw new IllegalStateException("no valid random program in 1000 attempts");
            }
        }
    }

    private Program draft() {
        int slots = rnd.nextInt(3);
        List<String> inputs = new ArrayList<>(List.of("w", "g"));
        for (int s = 0; s < slots; s++) {
            inputs.add(s == 0 ? "m" : "v");
        }
        inputs.add("lr");
        for (String in : inputs) {
            names.add(in);
            seesGradient.put(in, in.equals("g"));
        }
        int target = 4 + rnd.nextInt(10);
        while (body.size() < target) {
            if (rnd.nextDouble() < 0.4) {
                motif();
            } else {
                Op op = OPS.get(rnd.nextInt(OPS.size()));
                Operand[] args = new Operand[op.arity()];
                for (int a = 0; a < args.length; a++) {
                    args[a] = op == Op.CLIP_BY_GLOBAL_NORM && a == 1 ? literal() : operand();
                }
                add(op, args);
            }
        }
        String update = null;
        for (int i = body.size() - 1; i >= 0 && update == null; i--) {
            if (seesGradient.get(body.get(i).target())) {
                update = body.get(i).target();
            }
        }
        List<String> returns = new ArrayList<>();
        returns.add(update == null ? "g" : update);
        for (int s = 0; s < slots; s++) {
            returns.add(body.get(rnd.nextInt(body.size())).target());
        }
        return new Program(new Signature("train", inputs, List.of()), body, returns);
    }

    /** One of the patterns the rules look for, over random variables x and y. */
    private void motif() {
        Operand x = var();
        Operand y = var();
        switch (rnd.nextInt(9)) {
            case 0 -> { // x / sqrt(x * x), x / sqrt(square(x)), x / abs(x)
                int kind = rnd.nextInt(3);
                String s = kind == 0 ? add(Op.MUL, x, x) : kind == 1 ? add(Op.SQUARE, x) : add(Op.ABS, x);
                String r = kind == 2 ? s : add(Op.SQRT, new Operand.Var(s));
                add(Op.DIV, x, new Operand.Var(r));
            }
            case 1 -> { // -(-x)
                String n = add(Op.NEGATIVE, x);
                add(Op.NEGATIVE, new Operand.Var(n));
            }
            case 2 -> { // no-op arithmetic
                Operand one = new Operand.Const(1.0);
                Operand zero = new Operand.Const(0.0);
                switch (rnd.nextInt(9)) {
                    case 0 -> add(Op.MUL, x, one);
                    case 1 -> add(Op.MUL, one, x);
                    case 2 -> add(Op.ADD, x, zero);
                    case 3 -> add(Op.SUB, x, zero);
                    case 4 -> add(Op.DIV, x, one);
                    case 5 -> add(Op.POWER, x, one);
                    case 6 -> add(Op.MUL, x, new Operand.Const(-1.0));
                    case 7 -> add(Op.INTERP, x, y, zero);
                    default -> add(Op.INTERP, x, y, one);
                }
            }
            case 3 -> { // an interp of an interp sharing an end point, any of the four ways
                String a = add(Op.INTERP, x, y, weight());
                Operand av = new Operand.Var(a);
                Operand shared = rnd.nextBoolean() ? x : y;
                if (rnd.nextBoolean()) {
                    add(Op.INTERP, shared, av, weight());
                } else {
                    add(Op.INTERP, av, shared, weight());
                }
            }
            case 4 -> { // literals only
                Op op = OPS.get(rnd.nextInt(OPS.size()));
                Operand[] args = new Operand[op.arity()];
                for (int a = 0; a < args.length; a++) {
                    args[a] = literal();
                }
                add(op, args);
            }
            case 5 -> add(Op.COPY, rnd.nextBoolean() ? x : literal());
            case 6 -> { // a repeated statement, arguments swapped when that keeps the function
                Statement s = body.isEmpty() ? Statement.of("t", Op.ADD, x, y) : body.get(rnd.nextInt(body.size()));
                List<Operand> args = new ArrayList<>(s.args());
                if (s.op().commutative() && rnd.nextBoolean()) {
                    java.util.Collections.reverse(args);
                }
                add(s.op(), args.toArray(new Operand[0]));
            }
            case 7 -> add(Op.SIGN, new Operand.Var(add(rnd.nextBoolean() ? Op.SIGN : Op.ABS, x)));
            default -> { // sign(abs(...)) chains for idempotence
                String a = add(Op.ABS, x);
                add(Op.ABS, new Operand.Var(a));
            }
        }
    }

    /** Appends {@code target = op(args)} and returns the target. */
    private String add(Op op, Operand... args) {
        String target = rnd.nextDouble() < 0.25 ? names.get(rnd.nextInt(names.size())) : "t" + fresh++;
        boolean sees = false;
        for (Operand a : args) {
            sees |= a instanceof Operand.Var v && seesGradient.get(v.name());
        }
        if (!seesGradient.containsKey(target)) {
            names.add(target);
        }
        seesGradient.put(target, sees);
        body.add(new Statement(target, op, List.of(args)));
        return target;
    }

    /** A variable, most often one of the last few assigned. */
    private Operand var() {
        if (!body.isEmpty() && rnd.nextBoolean()) {
            return new Operand.Var(body.get(Math.max(0, body.size() - 1 - rnd.nextInt(3))).target());
        }
        return new Operand.Var(names.get(rnd.nextInt(names.size())));
    }

    private Operand operand() {
        return rnd.nextDouble() < 0.2 ? literal() : var();
    }

    private Operand literal() {
        return new Operand.Const(rnd.nextBoolean() ? NICE[rnd.nextInt(NICE.length)] : rnd.nextGaussian());
    }

    private Operand weight() {
        return new Operand.Const(rnd.nextBoolean() ? NICE[3 + rnd.nextInt(4)] : rnd.nextDouble() * 1.2);
    }
}
