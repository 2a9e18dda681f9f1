package org.optsearch.djl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.SourceMap;
import org.optsearch.lang.Statement;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.ProgramOptimizer;

/**
 * Refuses programs that need the whole parameter set at once. DJL calls
 * {@code Optimizer.update(parameterId, weight, grad)} one parameter at a time, so {@code global_norm},
 * {@code dot}, {@code cosine_sim} and {@code clip_by_global_norm} would silently reduce over one tensor
 * instead of all of them, a different optimizer. {@code norm} is per tensor and is fine.
 *
 * <p>Only calls that matter are refused: a reduction of scalars is elementwise, and a statement that
 * reaches no output (a redundant one, which the search leaves in programs) changes nothing.
 */
final class PerParameterCheck {

    private PerParameterCheck() {
    }

    /**
     * @throws IllegalArgumentException naming each offending function and its line
     */
    static void require(Optimizer optimizer) {
        if (!(optimizer instanceof ProgramOptimizer p)) {
            return; // Adafactor: per tensor by construction
        }
        List<String> calls = wholeSetReductions(p.program());
        if (!calls.isEmpty()) {
            throw new IllegalArgumentException("OptSearchOptimizer cannot run '" + optimizer.name() + "': "
                    + String.join(", ", calls) + (calls.size() == 1 ? " reduces" : " reduce")
                    + " over all parameters at once, but DJL updates one parameter at a time, so it would"
                    + " reduce over a single tensor instead. Use norm (per tensor) in the program, or train with"
                    + " org.optsearch.optim on one flat parameter buffer.");
        }
    }

    /** Each live call that reduces arrays over the whole parameter set, as {@code "global_norm (line 4)"}. */
    static List<String> wholeSetReductions(Program program) {
        Analysis analysis = Analysis.of(program);
        Set<Integer> dead = new HashSet<>(analysis.deadStatements());
        Map<String, Boolean> isArray = inputKinds(program);
        List<String> found = new ArrayList<>();
        List<Statement> statements = program.statements();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            if (!dead.contains(i) && readsWholeSet(s, isArray)) {
                SourceMap.Position at = program.source().statement(i);
                found.add(s.op().spelling() + (at == null ? " (statement " + (i + 1) + ")" : " (line " + at.line()
                        + ")"));
            }
            isArray.put(s.target(), analysis.isArray(i));
        }
        return found;
    }

    /** REDUCE_ALL of any array argument; SCALE_ALL of an array (its bound is always a scalar). */
    private static boolean readsWholeSet(Statement s, Map<String, Boolean> isArray) {
        return switch (s.op().shape()) {
            case REDUCE_ALL -> s.args().stream().anyMatch(a -> array(a, isArray));
            case SCALE_ALL -> array(s.args().get(0), isArray);
            case ELEMENTWISE, PER_TENSOR, MATRIX -> false;
        };
    }

    private static boolean array(Operand operand, Map<String, Boolean> isArray) {
        return operand instanceof Operand.Var v && isArray.getOrDefault(v.name(), false);
    }

    /** w, g and the slots are arrays; lr (the last positional input) and the hyperparameters are scalars. */
    private static Map<String, Boolean> inputKinds(Program program) {
        Map<String, Boolean> kinds = new HashMap<>();
        program.signature().hyperparameters().forEach(h -> kinds.put(h.name(), false));
        List<String> inputs = program.signature().inputs();
        for (int i = 0; i < inputs.size(); i++) {
            kinds.put(inputs.get(i), i < inputs.size() - 1);
        }
        program.signature().stepInputs().forEach(s -> kinds.put(s.spelling(), false));
        return kinds;
    }
}
