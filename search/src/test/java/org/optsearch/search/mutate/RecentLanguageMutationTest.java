package org.optsearch.search.mutate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Statement;

/**
 * The recent functions and the step inputs are open to mutation, but off by default: functions when
 * --functions names them, step inputs when the start program declares them.
 */
class RecentLanguageMutationTest {
    private static final String BODY = "  m = interp(g, m, 0.9)\n  u = sign(m)\n  u = u * lr\n  return u, m\n";

    private static boolean reads(Program p, String name) {
        for (Statement s : p.statements()) {
            for (Operand a : s.args()) {
                if (a instanceof Operand.Var v && v.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Program> offspring(Mutator mutator, Program start, int count) {
        SplittableRandom rnd = new SplittableRandom(17);
        List<Program> out = new ArrayList<>();
        Program p = start;
        for (int i = 0; i < count; i++) {
            Program child = mutator.mutate(p, rnd).child();
            out.add(child);
            p = Analysis.of(child).valid() ? child : start;
        }
        return out;
    }

    @Test
    void aStartProgramDeclaringStepGetsMutationsThatReadIt() {
        Program start = Program.parse("def train(w, g, m, lr, step):\n" + BODY);
        List<Program> children = offspring(new Mutator(MutationConfig.defaults()), start, 400);
        assertTrue(children.stream().anyMatch(c -> reads(c, "step")));
        assertTrue(children.stream().allMatch(c -> c.signature().stepInputs().equals(start.signature().stepInputs())));
    }

    @Test
    void stepInputsAppearOnlyWhenTheStartProgramDeclaresThem() {
        Program start = Program.parse("def train(w, g, m, lr):\n" + BODY);
        List<Program> children = offspring(new Mutator(MutationConfig.defaults()), start, 400);
        assertFalse(children.stream().anyMatch(c -> reads(c, "step") || !c.signature().stepInputs().isEmpty()));
    }

    @Test
    void recentFunctionsAppearByDefaultAndNotWhenTheFunctionSetLeavesThemOut() {
        Program start = Program.parse("def train(w, g, m, lr):\n" + BODY);
        List<Program> children = offspring(new Mutator(MutationConfig.defaults()), start, 600);
        for (Op recent : Op.recent()) {
            assertTrue(children.stream().flatMap(c -> c.statements().stream()).anyMatch(s -> s.op() == recent),
                    recent + " never inserted");
        }
        List<Program> paper = offspring(new Mutator(MutationConfig.defaults().withFunctions(Op.searchable())), start,
                400);
        assertFalse(paper.stream().flatMap(c -> c.statements().stream()).anyMatch(s -> s.op().isRecent()));
    }
}
