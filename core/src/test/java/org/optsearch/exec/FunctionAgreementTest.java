package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;

/**
 * Every function of the language, alone, on arrays and with scalar arguments, at three input scales,
 * through both fused tiers: the compiled loop and the block interpreter. Layout sizes are odd so that
 * vector tails are exercised.
 */
class FunctionAgreementTest {
    private static final ParamLayout LAYOUT = ParamLayout.of(3, 64, 1000, 29);

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Op op : Op.searchable()) {
            for (double scale : new double[] {1e-3, 1.0, 30.0}) {
                for (boolean compiled : new boolean[] {true, false}) {
                    cases.add(Arguments.of(op, scale, compiled));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} at scale {1}, compiled={2}")
    @MethodSource("cases")
    void functionAgreesWithTheReference(Op op, double scale, boolean compiled) {
        Program p = Program.parse(programFor(op));
        Agreement.Result r = Agreement.compare(p, LAYOUT, compiled, 2, scale, op.ordinal());
        assertEquals(0, r.disagreements(), () -> r.firstDisagreement() + "\n" + p.print());
        assertEquals(r.referenceNonFinite(), r.fusedNonFinite(), "non-finite counts");
    }

    /**
     * The function on array arguments (g, m, w), and again with a scalar argument mixed in, so that
     * both broadcasting and the per-step path are covered; the update always depends on g.
     */
    static String programFor(Op op) {
        if (op.infix()) {
            return program("g " + op.spelling() + " m", "m " + op.spelling() + " 0.7");
        }
        String call = switch (op.arity()) {
            case 2 -> op == Op.CLIP_BY_GLOBAL_NORM ? op.spelling() + "(g, 3.0)" : op.spelling() + "(g, m)";
            case 0 -> op.spelling() + "()";
            case 1 -> op.spelling() + "(g)";
            default -> op.spelling() + "(g, m, w)";
        };
        String scalarCall = switch (op.arity()) {
            case 0 -> op.spelling() + "()";
            case 1 -> op.spelling() + "(lr)";
            case 2 -> op.spelling() + "(m, 0.7)";
            default -> op.spelling() + "(g, m, 0.3)";
        };
        return program(call, scalarCall);
    }

    private static String program(String call, String scalarCall) {
        return """
                def train(w, g, m, v, lr):
                  a = %s
                  b = %s
                  c = g * a
                  update = c + b
                  m = a * 1.0
                  v = b * 0.5
                  return update, m, v
                """.formatted(call, scalarCall);
    }
}
