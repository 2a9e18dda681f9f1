package org.optsearch.train.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.lang.Hyperparameter;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;
import org.optsearch.lang.Statement;

/**
 * Makes baselines fair: finds a program's learning-rate scale (and its weight decay, if it declares one)
 * and lays out a log grid around their defaults.
 *
 * <p>The learning-rate scale is the hyperparameter {@value #LR_SCALE} when declared; otherwise the
 * constant of the first statement that multiplies the learning-rate input by a literal
 * ({@code lr = lr * 0.0002}), which becomes a declared hyperparameter. Weight decay is the hyperparameter
 * {@value #WEIGHT_DECAY}.
 */
public final class Tuning {
    public static final String LR_SCALE = "lr_scale";
    public static final String WEIGHT_DECAY = "wd";
    /** Factors applied to the default learning-rate scale: 10^-2 .. 10^2 in half decades. */
    static final double[] LR_FACTORS = halfDecades(-4, 4);
    /** Factors applied to the default weight decay, when the program declares one: 10^-1 .. 10^1. */
    static final double[] WD_FACTORS = halfDecades(-2, 2);

    private Tuning() {
    }

    private static double[] halfDecades(int from, int to) {
        double[] f = new double[to - from + 1];
        for (int k = from; k <= to; k++) {
            f[k - from] = Math.pow(10, k / 2.0);
        }
        return f;
    }

    /** One point of the grid: the hyperparameter values to set. */
    public record Point(Map<String, Double> values) {
        public Point {
            values = Map.copyOf(values);
        }
    }

    /**
     * The program with its learning-rate scale declared as {@value #LR_SCALE}.
     *
     * @throws IllegalArgumentException when there is none to find
     */
    public static Program withLearningRateScale(Program program) {
        if (program.hyperparameters().containsKey(LR_SCALE)) {
            return program;
        }
        String lr = program.signature().learningRate();
        List<Statement> statements = new ArrayList<>(program.statements());
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            if (s.op() != Op.MUL) {
                continue;
            }
            for (int a = 0; a < 2; a++) {
                if (s.args().get(a) instanceof Operand.Var v && v.name().equals(lr)
                        && s.args().get(1 - a) instanceof Operand.Const c) {
                    statements.set(i, s.withArg(1 - a, new Operand.Var(LR_SCALE)));
                    List<Hyperparameter> hyper = new ArrayList<>(program.signature().hyperparameters());
                    hyper.add(new Hyperparameter(LR_SCALE, c.value()));
                    Signature sig = new Signature(program.signature().name(), program.signature().inputs(), hyper);
                    return new Program(sig, statements, program.returns());
                }
            }
            if (s.target().equals(lr)) {
                break; // lr was reassigned by something else: no plain scale to find
            }
        }
        throw new IllegalArgumentException("cannot find the learning-rate scale: declare a hyperparameter '"
                + LR_SCALE + "' or write 'lr = lr * <constant>'");
    }

    /** The grid: every learning-rate factor, times every weight-decay factor when {@value #WEIGHT_DECAY} is declared. */
    public static List<Point> grid(Program program) {
        Map<String, Double> defaults = withLearningRateScale(program).hyperparameters();
        double lr = defaults.get(LR_SCALE);
        Double wd = defaults.get(WEIGHT_DECAY);
        List<Point> points = new ArrayList<>();
        for (double f : LR_FACTORS) {
            if (wd == null) {
                points.add(new Point(Map.of(LR_SCALE, lr * f)));
            } else {
                for (double g : WD_FACTORS) {
                    Map<String, Double> values = new LinkedHashMap<>();
                    values.put(LR_SCALE, lr * f);
                    values.put(WEIGHT_DECAY, wd * g);
                    points.add(new Point(values));
                }
            }
        }
        return points;
    }
}
