package org.optsearch.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random programs and random text for property tests of the language and of the executors.
 *
 * <p>Everything is driven by the {@link SplittableRandom} passed in, so a test with a fixed seed sees
 * the same programs on every run and every JVM.
 */
public final class RandomPrograms {
    /** How many candidates {@link #generate} draws before it gives up. */
    public static final int MAX_ATTEMPTS = 10_000;

    private static final double CONSTANT_CHANCE = 0.2;
    private static final double REASSIGN_CHANCE = 0.3;
    private static final String IDENTIFIER_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    private static final String IDENTIFIER_PART = IDENTIFIER_START + "0123456789";
    private static final String EDIT_ALPHABET = "()=,:+-*/.#eE0123456789 \t\n\r_abgmwxyz";
    private static final List<String> TOKENS = tokens();

    private RandomPrograms() {
    }

    /** {@code w, g, <slots>, lr} with the slots named {@code m, v, s2, s3, ...}. */
    public static List<String> inputs(int slots) {
        List<String> inputs = new ArrayList<>();
        inputs.add("w");
        inputs.add("g");
        for (int s = 0; s < slots; s++) {
            inputs.add(s == 0 ? "m" : s == 1 ? "v" : "s" + s);
        }
        inputs.add("lr");
        return inputs;
    }

    /** A valid program of {@code statements} statements drawn from {@code ops}, constants from N(0, 1). */
    public static Program generate(SplittableRandom rnd, int statements, int slots, List<Op> ops) {
        return generate(rnd, statements, slots, ops, List.of());
    }

    /**
     * A valid program (no errors from {@link Analysis}) with exactly {@code statements} statements whose
     * functions are drawn from {@code ops}. Arguments are variables defined so far (inputs included) or,
     * sometimes, constants: drawn from {@code constants}, or from N(0, 1) when that list is empty. About a
     * third of the statements reassign an existing name (as the paper's programs do with {@code m},
     * {@code g} and {@code lr}). Half the arguments come from the last few assignments, and the update is
     * the most recently assigned variable that depends on the gradient, so many statements are live;
     * each slot's new value is a random variable. Invalid drafts (say, an update that never sees the
     * gradient) are drawn again, at most {@link #MAX_ATTEMPTS} times.
     *
     * @throws IllegalArgumentException when no valid program turned up, e.g. for {@code ops = [get_pi]}
     */
    public static Program generate(SplittableRandom rnd, int statements, int slots, List<Op> ops, List<Double> constants) {
        return generate(rnd, statements, slots, ops, constants, List.of());
    }

    /** As {@link #generate(SplittableRandom, int, int, List, List)}, with these step inputs declared and readable. */
    public static Program generate(SplittableRandom rnd, int statements, int slots, List<Op> ops, List<Double> constants,
            List<StepInput> stepInputs) {
        if (statements < 0 || slots < 0 || slots > Analysis.MAX_SLOTS) {
            throw new IllegalArgumentException("need statements >= 0 and 0 <= slots <= " + Analysis.MAX_SLOTS
                    + ", got " + statements + " and " + slots);
        }
        if (statements > 0 && ops.isEmpty()) {
            throw new IllegalArgumentException("no functions to draw " + statements + " statement(s) from");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Program p = draft(rnd, statements, slots, ops, constants, stepInputs);
            if (Analysis.of(p).valid()) {
                return p;
            }
        }
        throw new IllegalArgumentException("no valid program of " + statements + " statement(s) and " + slots
                + " slot(s) from " + ops + " in " + MAX_ATTEMPTS + " attempts");
    }

    private static Program draft(SplittableRandom rnd, int count, int slots, List<Op> ops, List<Double> constants,
            List<StepInput> stepInputs) {
        List<String> inputs = inputs(slots);
        List<String> names = new ArrayList<>(inputs);
        Map<String, Boolean> array = new HashMap<>();
        Map<String, Boolean> seesGradient = new HashMap<>();
        inputs.forEach(n -> {
            array.put(n, true);
            seesGradient.put(n, false);
        });
        array.put("lr", false);
        for (StepInput in : stepInputs) {
            names.add(in.spelling());
            array.put(in.spelling(), false);
            seesGradient.put(in.spelling(), false);
        }
        List<String> recent = new ArrayList<>(names);
        seesGradient.put("g", true);
        List<Statement> body = new ArrayList<>();
        String update = count == 0 ? "g" : null;
        for (int i = 0; i < count; i++) {
            Op op = ops.get(rnd.nextInt(ops.size()));
            Operand[] args = new Operand[op.arity()];
            boolean sees = false;
            for (int a = 0; a < args.length; a++) {
                args[a] = op == Op.CLIP_BY_GLOBAL_NORM && a == 1
                        ? scalarOperand(rnd, names, array, constants)
                        : operand(rnd, rnd.nextBoolean() ? recent.subList(Math.max(0, recent.size() - 4), recent.size()) : names,
                                constants);
                sees |= args[a] instanceof Operand.Var v && seesGradient.get(v.name());
            }
            String target = rnd.nextDouble() < REASSIGN_CHANCE ? names.get(rnd.nextInt(names.size())) : "t" + i;
            if (!array.containsKey(target)) {
                names.add(target);
            }
            array.put(target, producesArray(op, args, array));
            seesGradient.put(target, sees);
            recent.add(target);
            body.add(new Statement(target, op, List.of(args)));
        }
        for (int i = count - 1; i >= 0 && update == null; i--) {
            if (seesGradient.get(body.get(i).target())) {
                update = body.get(i).target();
            }
        }
        List<String> returns = new ArrayList<>();
        returns.add(update != null ? update : body.get(count - 1).target());
        for (int s = 0; s < slots; s++) {
            double r = rnd.nextDouble();
            returns.add(r < 0.1 || body.isEmpty() ? inputs.get(2 + s)
                    : r < 0.2 ? names.get(rnd.nextInt(names.size()))
                    : body.get(rnd.nextInt(count)).target());
        }
        return new Program(new Signature("train", inputs, stepInputs, List.of()), body, returns);
    }

    private static Operand operand(SplittableRandom rnd, List<String> names, List<Double> constants) {
        if (rnd.nextDouble() < CONSTANT_CHANCE) {
            return new Operand.Const(constant(rnd, constants));
        }
        return new Operand.Var(names.get(rnd.nextInt(names.size())));
    }

    private static Operand scalarOperand(SplittableRandom rnd, List<String> names, Map<String, Boolean> array,
                                         List<Double> constants) {
        List<String> scalars = names.stream().filter(n -> !array.get(n)).toList();
        if (scalars.isEmpty() || rnd.nextBoolean()) {
            return new Operand.Const(constant(rnd, constants));
        }
        return new Operand.Var(scalars.get(rnd.nextInt(scalars.size())));
    }

    private static double constant(SplittableRandom rnd, List<Double> constants) {
        return constants.isEmpty() ? rnd.nextGaussian() : constants.get(rnd.nextInt(constants.size()));
    }

    /** The kind rules of the language, restated here only to steer the draw; {@link Analysis} decides. */
    private static boolean producesArray(Op op, Operand[] args, Map<String, Boolean> array) {
        boolean[] kinds = new boolean[args.length];
        for (int a = 0; a < args.length; a++) {
            kinds[a] = args[a] instanceof Operand.Var v && array.get(v.name());
        }
        return switch (op.shape()) {
            case ELEMENTWISE -> {
                boolean any = false;
                for (boolean k : kinds) {
                    any |= k;
                }
                yield any;
            }
            case PER_TENSOR, SCALE_ALL, MATRIX -> kinds[0];
            case REDUCE_ALL -> false;
        };
    }

    /** Every name the program uses (inputs, hyperparameters, targets, arguments, returns), in order of appearance. */
    public static Set<String> names(Program p) {
        Set<String> names = new LinkedHashSet<>(p.signature().inputs());
        p.signature().hyperparameters().forEach(h -> names.add(h.name()));
        for (Statement s : p.statements()) {
            for (Operand a : s.args()) {
                if (a instanceof Operand.Var v) {
                    names.add(v.name());
                }
            }
            names.add(s.target());
        }
        names.addAll(p.returns());
        return names;
    }

    /** The same program with names replaced by {@code mapping}; names not in it are kept. */
    public static Program rename(Program p, Map<String, String> requested) {
        Signature sig = p.signature();
        Map<String, String> mapping = new HashMap<>(requested);
        for (StepInput in : sig.stepInputs()) {
            mapping.remove(in.spelling()); // step inputs have fixed names
        }
        List<String> inputs = sig.inputs().stream().map(n -> mapping.getOrDefault(n, n)).toList();
        List<Hyperparameter> hyper = sig.hyperparameters().stream()
                .map(h -> new Hyperparameter(mapping.getOrDefault(h.name(), h.name()), h.value())).toList();
        List<Statement> body = new ArrayList<>();
        for (Statement s : p.statements()) {
            List<Operand> args = s.args().stream()
                    .map(a -> a instanceof Operand.Var v ? (Operand) new Operand.Var(mapping.getOrDefault(v.name(), v.name())) : a)
                    .toList();
            body.add(new Statement(mapping.getOrDefault(s.target(), s.target()), s.op(), args));
        }
        List<String> returns = p.returns().stream().map(n -> mapping.getOrDefault(n, n)).toList();
        return new Program(new Signature(sig.name(), inputs, sig.stepInputs(), hyper), body, returns);
    }

    /** The same program with every name replaced, one to one, by a random identifier. */
    public static Program mutateNames(Program p, SplittableRandom rnd) {
        Set<String> taken = new HashSet<>();
        Map<String, String> mapping = new HashMap<>();
        for (String name : names(p)) {
            String fresh;
            do {
                fresh = identifier(rnd);
            } while (!taken.add(fresh));
            mapping.put(name, fresh);
        }
        return rename(p, mapping);
    }

    /** A random identifier of 1 to 8 characters that is neither a keyword nor a function name. */
    public static String identifier(SplittableRandom rnd) {
        while (true) {
            StringBuilder b = new StringBuilder();
            b.append(IDENTIFIER_START.charAt(rnd.nextInt(IDENTIFIER_START.length())));
            int more = rnd.nextInt(8);
            for (int i = 0; i < more; i++) {
                b.append(IDENTIFIER_PART.charAt(rnd.nextInt(IDENTIFIER_PART.length())));
            }
            String name = b.toString();
            if (!name.equals("def") && !name.equals("return") && Op.byName(name) == null) {
                return name;
            }
        }
    }

    /**
     * The same function with its statements in a random order that respects every data dependence:
     * each assignment first gets a name of its own (so reassignments no longer pin the order), then
     * statements are emitted in a random topological order.
     */
    public static Program reordered(Program p, SplittableRandom rnd) {
        Set<String> used = new HashSet<>(names(p));
        Map<String, String> current = new HashMap<>();
        List<Statement> single = new ArrayList<>();
        Set<String> produced = new HashSet<>();
        for (int i = 0; i < p.statements().size(); i++) {
            Statement s = p.statements().get(i);
            List<Operand> args = s.args().stream()
                    .map(a -> a instanceof Operand.Var v ? (Operand) new Operand.Var(current.getOrDefault(v.name(), v.name())) : a)
                    .toList();
            String fresh = fresh("r" + i, used);
            current.put(s.target(), fresh);
            produced.add(fresh);
            single.add(new Statement(fresh, s.op(), args));
        }
        List<String> returns = p.returns().stream().map(n -> current.getOrDefault(n, n)).toList();
        List<Statement> pending = new ArrayList<>(single);
        Set<String> emitted = new HashSet<>();
        List<Statement> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<Integer> ready = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                boolean ok = true;
                for (Operand a : pending.get(i).args()) {
                    if (a instanceof Operand.Var v && produced.contains(v.name()) && !emitted.contains(v.name())) {
                        ok = false;
                    }
                }
                if (ok) {
                    ready.add(i);
                }
            }
            Statement next = pending.remove((int) ready.get(rnd.nextInt(ready.size())));
            emitted.add(next.target());
            order.add(next);
        }
        return new Program(p.signature(), order, returns);
    }

    /**
     * The same program with {@code count} redundant statements inserted at random places: each assigns a
     * fresh name, which nothing reads, from variables defined before it and constants.
     */
    public static Program withDeadStatements(Program p, SplittableRandom rnd, int count, List<Op> ops) {
        Program out = p;
        for (int k = 0; k < count; k++) {
            List<Statement> body = new ArrayList<>(out.statements());
            int at = rnd.nextInt(body.size() + 1);
            List<String> visible = new ArrayList<>(out.signature().inputs());
            out.signature().hyperparameters().forEach(h -> visible.add(h.name()));
            for (int i = 0; i < at; i++) {
                if (!visible.contains(body.get(i).target())) {
                    visible.add(body.get(i).target());
                }
            }
            Op op = ops.get(rnd.nextInt(ops.size()));
            Operand[] args = new Operand[op.arity()];
            for (int a = 0; a < args.length; a++) {
                args[a] = op == Op.CLIP_BY_GLOBAL_NORM && a == 1 ? new Operand.Const(rnd.nextGaussian())
                        : operand(rnd, visible, List.of());
            }
            body.add(at, new Statement(out.freshName("dead"), op, List.of(args)));
            out = out.withStatements(body);
        }
        return out;
    }

    /**
     * The same function with some constants (each with probability one half) moved into hyperparameters
     * {@code k, k1, k2, ...}: the inverse of {@link Program#inlineHyperparameters()}.
     */
    public static Program hoistConstants(Program p, SplittableRandom rnd) {
        Set<String> used = new HashSet<>(names(p));
        List<Hyperparameter> hyper = new ArrayList<>(p.signature().hyperparameters());
        List<Statement> body = new ArrayList<>();
        for (Statement s : p.statements()) {
            List<Operand> args = new ArrayList<>();
            for (Operand a : s.args()) {
                if (a instanceof Operand.Const c && rnd.nextBoolean()) {
                    String name = fresh("k", used);
                    hyper.add(new Hyperparameter(name, c.value()));
                    args.add(new Operand.Var(name));
                } else {
                    args.add(a);
                }
            }
            body.add(new Statement(s.target(), s.op(), args));
        }
        Signature sig = p.signature();
        return new Program(new Signature(sig.name(), sig.inputs(), hyper), body, p.returns());
    }

    private static String fresh(String base, Set<String> used) {
        String name = base;
        for (int i = 1; used.contains(name); i++) {
            name = base + i;
        }
        used.add(name);
        return name;
    }

    /** Random token soup: words, numbers, symbols, odd characters and line breaks of the language and near it. */
    public static String soup(SplittableRandom rnd, int tokens) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            b.append(TOKENS.get(rnd.nextInt(TOKENS.size())));
            if (rnd.nextBoolean()) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    /** {@code edits} random character edits: deletions, insertions, swaps, duplications and replacements. */
    public static String mutateText(String text, SplittableRandom rnd, int edits) {
        StringBuilder b = new StringBuilder(text);
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(b.length() + 1);
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                case 1 -> b.insert(at, randomChar(rnd));
                case 2 -> {
                    if (at + 1 < b.length()) {
                        char c = b.charAt(at);
                        b.setCharAt(at, b.charAt(at + 1));
                        b.setCharAt(at + 1, c);
                    }
                }
                case 3 -> {
                    int end = Math.min(b.length(), at + 1 + rnd.nextInt(12));
                    b.insert(at, b.substring(at, end));
                }
                default -> {
                    if (at < b.length()) {
                        b.setCharAt(at, randomChar(rnd));
                    }
                }
            }
        }
        return b.toString();
    }

    private static char randomChar(SplittableRandom rnd) {
        return rnd.nextInt(20) == 0 ? (char) rnd.nextInt(Character.MAX_VALUE + 1)
                : EDIT_ALPHABET.charAt(rnd.nextInt(EDIT_ALPHABET.length()));
    }

    private static List<String> tokens() {
        List<String> t = new ArrayList<>(List.of(
                "def", "train", "return", "(", ")", ",", ":", "=", "+", "-", "*", "/", "#",
                "\n", "\n", "\n", "\n  ", "\n  ", "\n\t", "  ", "\t", "\r\n", "\r",
                "w", "g", "m", "v", "lr", "x", "update", "beta1", "_", "a1",
                "0", "1", "0.9", "-0.5", "1e-8", "1E5", ".5", "5.", "1e+", "1e", "1e999", "1.2.3", "0x10",
                "nan", "NaN", "inf", "Infinity",
                "@", "!", "[", "]", "{", ";", "\"", "'", "\\", ".",
                "\u00e9", "\u00d7", "\u00a0", "\u0000", "\u007f", "\u2028", "\ufeff", "\uD83D\uDE00", "\uD800"));
        t.addAll(Op.names());
        return List.copyOf(t);
    }
}
