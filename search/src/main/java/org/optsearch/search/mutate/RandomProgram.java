package org.optsearch.search.mutate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Hyperparameter;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;
import org.optsearch.lang.StepInput;
import org.optsearch.lang.Statement;

/**
 * Random programs for the {@code random} baseline mode (the paper's random search, docs/method.md, section 3).
 *
 * <p>A program is drawn statement by statement, with the same rules as an insertion of the {@link Mutator}:
 * a function uniformly from the configured set; each argument a constant from N(0, 1) with probability
 * {@value Mutator#CONSTANT_CHANCE}, else a variable defined so far (inputs, hyperparameters, earlier
 * targets); the target reassigns a defined name with probability {@value Mutator#REASSIGN_CHANCE}, else is a
 * fresh {@code x1, x2, ...}. The bound of {@code clip_by_global_norm} is drawn among scalars only. The update
 * is the most recently assigned name whose final value depends on the gradient; each slot's new value is a
 * random assigned name (the slot itself when there are no statements). Invalid drafts are drawn again, at
 * most {@code maxAttempts} times; with {@link MutationConfig#followLearningRate()}, a draft whose update does
 * not follow the learning rate is invalid too, and drafts get ten times the attempts.
 */
public final class RandomProgram {
    private RandomProgram() {
    }

    /**
     * A valid program ({@link Analysis#valid()}) of exactly {@code length} statements for {@code signature}
     * (hyperparameters, if any, are kept and may be read).
     *
     * @throws IllegalArgumentException for a length outside 0..maxLength or too many slots
     * @throws IllegalStateException    when no valid draft turned up in {@code maxAttempts} tries
     */
    public static Program generate(Signature signature, int length, MutationConfig config, SplittableRandom rnd) {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(rnd, "rnd");
        if (length < 0 || length > config.maxLength()) {
            throw new IllegalArgumentException("random program length must be in 0.." + config.maxLength()
                    + " (the configured maximum), got " + length);
        }
        if (signature.slotCount() > Analysis.MAX_SLOTS) {
            throw new IllegalArgumentException("a signature with " + signature.slotCount() + " state slots; at most "
                    + Analysis.MAX_SLOTS + " are supported");
        }
        // about one valid random program in nine follows lr: following it, drafts get ten times the attempts
        // (a draft is microseconds). An empty program cannot read lr, so the rule starts at one statement.
        boolean follow = config.followLearningRate() && length > 0;
        int attempts = follow ? 10 * config.maxAttempts() : config.maxAttempts();
        for (int attempt = 0; attempt < attempts; attempt++) {
            Program p = draft(signature, length, config.functions(), rnd);
            if (p != null) {
                Analysis a = Analysis.of(p);
                if (a.valid() && (!follow || a.learningRateMatters())) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("no valid random program of " + length + " statement(s) for "
                + signature.inputs() + " from " + config.functions().size() + " function(s) in " + attempts
                + " attempts; an update must depend on the gradient" + (follow ? " and follow the learning rate" : "")
                + ", so the set needs functions with arguments");
    }

    private static Program draft(Signature signature, int length, List<Op> functions, SplittableRandom rnd) {
        List<String> inputs = signature.inputs();
        List<String> names = new ArrayList<>(inputs);
        Map<String, Boolean> array = new HashMap<>();
        Map<String, Boolean> seesGradient = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            array.put(inputs.get(i), i < inputs.size() - 1); // lr, the last input, is a scalar
            seesGradient.put(inputs.get(i), i == 1);
        }
        for (Hyperparameter h : signature.hyperparameters()) {
            names.add(h.name());
            array.put(h.name(), false);
            seesGradient.put(h.name(), false);
        }
        for (StepInput in : signature.stepInputs()) { // only when the signature declares them
            names.add(in.spelling());
            array.put(in.spelling(), false);
            seesGradient.put(in.spelling(), false);
        }
        List<Statement> body = new ArrayList<>();
        int fresh = 1;
        for (int i = 0; i < length; i++) {
            Op op = functions.get(rnd.nextInt(functions.size()));
            Operand[] args = new Operand[op.arity()];
            boolean sees = false;
            boolean anyArray = false;
            for (int a = 0; a < args.length; a++) {
                args[a] = op == Op.CLIP_BY_GLOBAL_NORM && a == 1 ? scalar(names, array, rnd) : Mutator.operand(names, rnd);
                if (args[a] instanceof Operand.Var v) {
                    sees |= seesGradient.get(v.name());
                    anyArray |= array.get(v.name());
                }
            }
            String target;
            if (rnd.nextDouble() < Mutator.REASSIGN_CHANCE) {
                target = Mutator.pick(names, rnd);
            } else {
                do {
                    target = Mutator.FRESH_PREFIX + fresh++;
                } while (array.containsKey(target));
                names.add(target);
            }
            array.put(target, switch (op.shape()) {
                case ELEMENTWISE -> anyArray;
                case PER_TENSOR, SCALE_ALL, MATRIX -> args[0] instanceof Operand.Var v && array.get(v.name());
                case REDUCE_ALL -> false;
            });
            seesGradient.put(target, sees);
            body.add(new Statement(target, op, List.of(args)));
        }
        String update = length == 0 ? signature.gradient() : null;
        for (int i = length - 1; i >= 0 && update == null; i--) {
            String t = body.get(i).target();
            if (seesGradient.get(t)) {
                update = t;
            }
        }
        if (update == null) {
            return null;
        }
        List<String> returns = new ArrayList<>();
        returns.add(update);
        for (String slot : signature.slots()) {
            returns.add(body.isEmpty() ? slot : body.get(rnd.nextInt(body.size())).target());
        }
        return new Program(signature, body, returns);
    }

    private static Operand scalar(List<String> names, Map<String, Boolean> array, SplittableRandom rnd) {
        List<String> scalars = new ArrayList<>();
        for (String n : names) {
            if (!array.get(n)) {
                scalars.add(n);
            }
        }
        return scalars.isEmpty() || rnd.nextDouble() < Mutator.CONSTANT_CHANCE
                ? new Operand.Const(Constants.draw(rnd)) : new Operand.Var(Mutator.pick(scalars, rnd));
    }
}
