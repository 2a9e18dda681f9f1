package org.optsearch.train.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Hyperparameter;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;
import org.optsearch.lang.Statement;

/**
 * Makes baselines fair: finds a program's learning-rate scale (and its weight decay, if it declares one)
 * and lays out the points to try around their defaults, as a log grid or as quasi-random trials.
 *
 * <p>The learning-rate scale is the hyperparameter {@value #LR_SCALE} when declared; otherwise the
 * constant of the first statement that multiplies the learning-rate input by a literal
 * ({@code lr = lr * 0.0002}) or divides it by one ({@code lr = lr / 5000}), which becomes a declared
 * hyperparameter, provided the update scales with {@code lr} ({@link Analysis#learningRateMatters()}).
 * A program with neither (as the search writes them: {@code update = m * lr} with the
 * constant elsewhere, or no {@code lr} at all) gets a new statement that multiplies its returned update by
 * a new hyperparameter {@value #LR_SCALE} with default 1.0. Weight decay is the hyperparameter
 * {@value #WEIGHT_DECAY}.
 */
public final class Tuning {
    public static final String LR_SCALE = "lr_scale";
    public static final String WEIGHT_DECAY = "wd";
    /** Factors of the default learning-rate scale tried by default: 10^-2 .. 10^2 (9 points: half decades). */
    public static final Range LR_FACTORS = new Range(0.01, 100);
    public static final int LR_POINTS = 9;
    /** Factors of the default weight decay tried by default, when the program declares one: 10^-1 .. 10^1. */
    public static final Range WD_FACTORS = new Range(0.1, 10);
    public static final int WD_POINTS = 5;
    /** Trials whose best value lies in this outer fraction of a dimension's log range are "at the edge". */
    static final double TRIAL_EDGE = 0.1;

    private Tuning() {
    }

    /** How the learning-rate scale was found. */
    public enum ScaleSource {
        /** The program declares {@value #LR_SCALE}. */
        DECLARED,
        /** A literal that scales {@code lr} became the hyperparameter. */
        CONSTANT,
        /** None found: a statement scaling the update by a new {@value #LR_SCALE} = 1.0 was appended. */
        APPENDED
    }

    /** The program with {@value #LR_SCALE} declared, and how it got there. */
    public record Scaled(Program program, ScaleSource source) {
    }

    /** A log range of factors of a default value, {@code 0 < lo <= hi}. */
    public record Range(double lo, double hi) {
        public Range {
            if (!(lo > 0 && hi >= lo && Double.isFinite(hi))) {
                throw new IllegalArgumentException("a range of factors needs 0 < LO <= HI, got " + lo + ":" + hi);
            }
        }
    }

    /** One tuned hyperparameter and the values searched: {@code lo..hi}, on a log scale. */
    public record Dimension(String name, double lo, double hi) {
        /** Where {@code value} lies in the range, 0 at {@code lo} and 1 at {@code hi} (0.5 when lo = hi). */
        public double position(double value) {
            return hi == lo ? 0.5 : Math.log(value / lo) / Math.log(hi / lo);
        }
    }

    /** One point to train: the hyperparameter values to set. */
    public record Point(Map<String, Double> values) {
        public Point {
            values = Map.copyOf(values);
        }
    }

    /**
     * What to try: the dimensions, the points, and how close to a dimension's end a best value must be to
     * be reported at the edge (as a fraction of the log range).
     */
    public record Plan(List<Dimension> dimensions, List<Point> points, double edgeMargin) {
        public Plan {
            dimensions = List.copyOf(dimensions);
            points = List.copyOf(points);
        }

        /** The dimensions where {@code best} lies at the edge of what was tried: the optimum may lie beyond. */
        public List<Dimension> atEdge(Point best) {
            List<Dimension> edge = new ArrayList<>();
            for (Dimension d : dimensions) {
                double u = d.position(best.values().get(d.name()));
                if (d.hi() > d.lo() && (u <= edgeMargin || u >= 1 - edgeMargin)) {
                    edge.add(d);
                }
            }
            return edge;
        }
    }

    /**
     * The program with its learning-rate scale declared as {@value #LR_SCALE} (see the class comment).
     *
     * @throws IllegalArgumentException when the name {@value #LR_SCALE} is taken by an input or variable
     */
    public static Scaled learningRateScale(Program program) {
        if (program.hyperparameters().containsKey(LR_SCALE)) {
            return new Scaled(program, ScaleSource.DECLARED);
        }
        Set<String> names = new HashSet<>(program.signature().inputs());
        program.statements().forEach(s -> names.add(s.target()));
        if (names.contains(LR_SCALE)) {
            throw new IllegalArgumentException("'" + LR_SCALE + "' is a variable of this program but not a "
                    + "hyperparameter; rename it, or declare it as one: def train(..., " + LR_SCALE + "=1.0)");
        }
        String lr = program.signature().learningRate();
        List<Statement> statements = new ArrayList<>(program.statements());
        // where lr has no effect on the update, a literal scaling lr would tune nothing: scale the update
        int searchUpTo = Analysis.of(program).learningRateMatters() ? statements.size() : 0;
        for (int i = 0; i < searchUpTo; i++) {
            Statement s = statements.get(i);
            Double scale = literalScaleOf(s, lr);
            if (scale != null) {
                statements.set(i, Statement.of(s.target(), Op.MUL, new Operand.Var(lr), new Operand.Var(LR_SCALE)));
                return new Scaled(declare(program, statements, program.returns(), scale), ScaleSource.CONSTANT);
            }
            if (s.target().equals(lr)) {
                break; // lr was reassigned by something else: no plain scale to find
            }
        }
        String update = program.returns().get(0);
        String scaled = fresh(update + "_scaled", names);
        statements.add(Statement.of(scaled, Op.MUL, new Operand.Var(update), new Operand.Var(LR_SCALE)));
        List<String> returns = new ArrayList<>(program.returns());
        returns.set(0, scaled);
        return new Scaled(declare(program, statements, returns, 1.0), ScaleSource.APPENDED);
    }

    /** {@link #learningRateScale}'s program. */
    public static Program withLearningRateScale(Program program) {
        return learningRateScale(program).program();
    }

    /** The factor {@code c} when {@code s} is {@code lr * c}, {@code c * lr} or {@code lr / c}; else null. */
    private static Double literalScaleOf(Statement s, String lr) {
        if (s.op() == Op.MUL) {
            for (int a = 0; a < 2; a++) {
                if (s.args().get(a) instanceof Operand.Var v && v.name().equals(lr)
                        && s.args().get(1 - a) instanceof Operand.Const c) {
                    return c.value();
                }
            }
        } else if (s.op() == Op.DIV && s.args().get(0) instanceof Operand.Var v && v.name().equals(lr)
                && s.args().get(1) instanceof Operand.Const c && c.value() != 0) {
            return 1 / c.value();
        }
        return null;
    }

    private static Program declare(Program program, List<Statement> statements, List<String> returns, double scale) {
        List<Hyperparameter> hyper = new ArrayList<>(program.signature().hyperparameters());
        hyper.add(new Hyperparameter(LR_SCALE, scale));
        Signature sig = program.signature().withHyperparameters(hyper);
        return new Program(sig, statements, returns);
    }

    private static String fresh(String base, Set<String> taken) {
        String name = base;
        for (int k = 2; taken.contains(name); k++) {
            name = base + k;
        }
        return name;
    }

    /**
     * The dimensions to tune in a program that declares {@value #LR_SCALE}: its default times {@code lr},
     * and, when {@value #WEIGHT_DECAY} is declared with a default above 0, that default times {@code wd}.
     */
    public static List<Dimension> dimensions(Program scaled, Range lr, Range wd) {
        Map<String, Double> defaults = scaled.hyperparameters();
        Double lrScale = defaults.get(LR_SCALE);
        if (lrScale == null) {
            throw new IllegalArgumentException("the program does not declare '" + LR_SCALE + "'");
        }
        List<Dimension> dims = new ArrayList<>();
        dims.add(dimension(LR_SCALE, lrScale, lr));
        Double decay = defaults.get(WEIGHT_DECAY);
        if (decay != null && decay != 0) {
            dims.add(dimension(WEIGHT_DECAY, decay, wd));
        }
        return dims;
    }

    private static Dimension dimension(String name, double value, Range factors) {
        double a = tidy(value * factors.lo());
        double b = tidy(value * factors.hi());
        return new Dimension(name, Math.min(a, b), Math.max(a, b));
    }

    /** Every combination of {@code points[d]} log-spaced values of each dimension, lo and hi included. */
    public static Plan grid(List<Dimension> dims, int[] points) {
        if (points.length != dims.size()) {
            throw new IllegalArgumentException("one point count per dimension: " + dims.size() + ", got " + points.length);
        }
        List<Map<String, Double>> combos = List.of(new LinkedHashMap<>());
        for (int d = 0; d < dims.size(); d++) {
            if (points[d] < 1) {
                throw new IllegalArgumentException("points per dimension must be >= 1, got " + points[d]);
            }
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> c : combos) {
                for (int k = 0; k < points[d]; k++) {
                    Map<String, Double> m = new LinkedHashMap<>(c);
                    double u = points[d] == 1 ? 0.5 : (double) k / (points[d] - 1);
                    m.put(dims.get(d).name(), logValue(dims.get(d), u));
                    next.add(m);
                }
            }
            combos = next;
        }
        int fewest = java.util.Arrays.stream(points).min().orElse(1);
        double margin = fewest <= 1 ? 0 : 0.5 / (fewest - 1);
        return new Plan(dims, combos.stream().map(Point::new).toList(), Math.min(margin, 0.25));
    }

    /** {@code n} quasi-random points ({@link Halton}, rotation from {@code seed}) in the box, log scale. */
    public static Plan trials(List<Dimension> dims, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + n);
        }
        Halton halton = new Halton(dims.size(), seed);
        List<Point> points = new ArrayList<>();
        for (double[] u : halton.points(n)) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int d = 0; d < dims.size(); d++) {
                m.put(dims.get(d).name(), logValue(dims.get(d), u[d]));
            }
            points.add(new Point(m));
        }
        return new Plan(dims, points, TRIAL_EDGE);
    }

    private static double logValue(Dimension d, double u) {
        return tidy(Halton.logScale(u, d.lo(), d.hi()));
    }

    /** Rounded to 10 significant digits, so that 0.001 * 0.1 is written as 1.0E-4, not 1.0000000000000002E-4. */
    static double tidy(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).doubleValue();
    }
}
