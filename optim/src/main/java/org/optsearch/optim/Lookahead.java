package org.optsearch.optim;

import java.util.ArrayList;
import java.util.List;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Hyperparameter;
import org.optsearch.lang.Numbers;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;

/**
 * Lookahead (Zhang, Lucas, Hinton and Ba 2019) around any program: the program's update moves the fast
 * weights; every k steps the slow weights phi move toward them, {@code phi = phi + alpha (w - phi)}, and
 * the fast weights restart from phi. It is a program too: {@link #wrap} appends the rule to the inner
 * program's statements, with three slots (phi, which starts at the initial weights; a step counter; a
 * started flag) and two hyperparameters, {@code la_k} and {@code la_alpha}.
 */
public final class Lookahead {
    private Lookahead() {
    }

    /**
     * The inner program with Lookahead's rule after it. New names get a number appended if the inner
     * program already uses them.
     *
     * @throws IllegalArgumentException when k is not a whole number >= 1 or alpha is not in (0, 1]
     */
    public static Program wrap(Program inner, long k, double alpha) {
        if (k < 1) {
            throw new IllegalArgumentException("lookahead: k must be >= 1 step, got " + k);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("lookahead: alpha must be in (0, 1], got " + alpha);
        }
        Signature signature = inner.signature();
        Names n = new Names(inner);
        String w0 = n.get("la_w0");
        String slow = n.get("la_slow");
        String count = n.get("la_count");
        String started = n.get("la_started");
        String kName = n.get("la_k");
        String alphaName = n.get("la_alpha");
        String fast = n.get("la_fast");
        String init = n.get("la_init");
        String sync = n.get("la_sync");
        String keep = n.get("la_keep");
        String pull = n.get("la_pull");
        String update = n.get("la_update");
        String innerUpdate = inner.returns().get(0);

        List<String> inputs = new ArrayList<>(signature.inputs());
        inputs.addAll(inputs.indexOf(signature.learningRate()), List.of(slow, count, started));
        StringBuilder text = new StringBuilder("def ").append(signature.name()).append('(')
                .append(String.join(", ", inputs));
        signature.stepInputs().forEach(in -> text.append(", ").append(in.spelling()));
        for (Hyperparameter h : signature.hyperparameters()) {
            text.append(", ").append(h.name()).append('=').append(Numbers.format(h.value()));
        }
        text.append(", ").append(kName).append('=').append(Numbers.format(k))
                .append(", ").append(alphaName).append('=').append(Numbers.format(alpha)).append("):\n");
        line(text, w0 + " = " + signature.weight());
        String[] printed = inner.print().split("\n");
        for (int i = 1; i < printed.length - 1; i++) {
            text.append(printed[i]).append('\n');
        }
        line(text, fast + " = " + w0 + " - " + innerUpdate);
        line(text, init + " = invert(" + started + ")");                 // 1 on the first step only
        line(text, init + " = " + w0 + " * " + init);
        line(text, slow + " = " + slow + " + " + init);                 // phi starts at the initial weights
        line(text, started + " = max(" + started + ", 1.0)");
        line(text, count + " = " + count + " + 1.0");
        line(text, sync + " = " + count + " - " + kName);
        line(text, sync + " = " + sync + " + 0.5");
        line(text, sync + " = sign(" + sync + ")");
        line(text, sync + " = max(" + sync + ", 0.0)");                  // 1 every k-th step, else 0
        line(text, keep + " = invert(" + sync + ")");
        line(text, count + " = " + count + " * " + keep);
        line(text, pull + " = " + fast + " - " + slow);
        line(text, pull + " = " + pull + " * " + alphaName);
        line(text, pull + " = " + pull + " * " + sync);
        line(text, slow + " = " + slow + " + " + pull);                 // phi += alpha (fast - phi) when synced
        line(text, pull + " = " + slow + " - " + fast);
        line(text, pull + " = " + pull + " * " + sync);
        line(text, update + " = " + innerUpdate + " - " + pull);        // w = phi when synced, else fast
        List<String> returns = new ArrayList<>(inner.returns());
        returns.set(0, update);
        returns.addAll(List.of(slow, count, started));
        text.append("  return ").append(String.join(", ", returns));
        if (inner.hasReadout()) {
            text.append(", readout=").append(inner.readout()); // e.g. Schedule-Free's x
        }
        text.append('\n');
        Program wrapped = Program.parse(text.toString());
        Analysis.of(wrapped).requireValid();
        return wrapped;
    }

    private static void line(StringBuilder text, String statement) {
        text.append("  ").append(statement).append('\n');
    }

    /** Fresh names, none used by the inner program nor given out before. */
    private static final class Names {
        private final Program inner;
        private final List<String> given = new ArrayList<>();

        Names(Program inner) {
            this.inner = inner;
        }

        String get(String base) {
            String name = inner.freshName(base);
            for (int i = 1; given.contains(name); i++) {
                name = inner.freshName(base + "_" + i);
            }
            given.add(name);
            return name;
        }
    }

    /** Lookahead's settings around an inner optimizer's builder, which keeps its own (learning rate, schedule). */
    public static final class Builder {
        private final ProgramOptimizerBuilder<?> inner;
        private long k = 5;
        private double alpha = 0.5;

        Builder(ProgramOptimizerBuilder<?> inner) {
            if (inner == null) {
                throw new IllegalArgumentException("lookahead: the inner optimizer's builder must not be null");
            }
            this.inner = inner;
        }

        /** Steps between synchronizations, >= 1; default 5. */
        public Builder optK(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("lookahead: k must be >= 1 step, got " + steps);
            }
            this.k = steps;
            return this;
        }

        /** Step size of the slow weights toward the fast ones, in (0, 1]; default 0.5. */
        public Builder optAlpha(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("lookahead: alpha must be in (0, 1], got " + value);
            }
            this.alpha = value;
            return this;
        }

        /** Builds the inner optimizer (its required settings apply), then wraps its program. */
        public Optimizer build() {
            ProgramOptimizer built = (ProgramOptimizer) inner.build();
            return new ProgramOptimizer("lookahead(" + built.name() + ")",
                    Analysis.of(wrap(built.program(), k, alpha)), built.schedule(), built.totalSteps());
        }
    }
}
