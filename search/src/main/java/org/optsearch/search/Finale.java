package org.optsearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optsearch.lang.Program;
import org.optsearch.search.simplify.Simplifier;
import org.optsearch.train.run.TrainResult;

/** The end of a search: its best programs, simplified, scored on every stage next to reference programs. */
final class Finale {
    private final Program start;
    private final String startName;
    private final Stage stageA;
    private final Stage stageB;
    private final Stage stageC;

    Finale(Program start, String startName, Stage stageA, Stage stageB, Stage stageC) {
        this.start = start;
        this.startName = startName;
        this.stageA = stageA;
        this.stageB = stageB;
        this.stageC = stageC;
    }

    /**
     * After {@link #run()}: the best {@code k} distinct programs found (other than the start program),
     * simplified by exact rewrites (dead code, algebraic rules: the function is unchanged, so is the A
     * fitness), then scored on stages B and C where not done yet; followed by the given reference
     * programs (e.g. Lion) scored on every stage. The start program scores 1 everywhere by definition.
     */
    List<Finalist> of(SearchResult result, int k, Map<String, Program> references) {
        List<Finalist> out = new ArrayList<>();
        int taken = 0;
        for (SearchResult.Entry e : result.top()) {
            if (taken == k || e.fitnessA() == TrainResult.FAILED) {
                break;
            }
            if (e.candidate().id() == 0) {
                continue;
            }
            taken++;
            Program simple = Simplifier.rewrite(
                    Simplifier.removeDead(e.candidate().program()).program()).program();
            Score b = Double.isNaN(e.fitnessB()) ? stageScore(stageB, simple) : null;
            double fb = b != null ? b.fitness() : e.fitnessB();
            Score c = Double.isNaN(e.fitnessC()) && fb > 1.0 ? stageScore(stageC, simple) : null;
            out.add(new Finalist("candidate " + e.candidate().id(), simple, e.fitnessA(), fb,
                    c != null ? c.fitness() : e.fitnessC(), results(b), results(c)));
        }
        out.add(new Finalist(startName + " (start)", start, 1.0, stageB == null ? Double.NaN : 1.0,
                stageC == null ? Double.NaN : 1.0, stageB == null ? List.of() : stageB.reference(start),
                stageC == null ? List.of() : stageC.reference(start)));
        references.forEach((name, program) -> {
            Program p = program.inlineHyperparameters();
            Score a = stageScore(stageA, p);
            Score b = stageScore(stageB, p);
            Score c = stageScore(stageC, p);
            out.add(new Finalist(name, p, a.fitness(), fitness(b), fitness(c), results(b), results(c)));
        });
        return out;
    }

    /** The score on a stage, or null when the stage is not configured. */
    private Score stageScore(Stage stage, Program program) {
        if (stage == null) {
            return null;
        }
        stage.reference(start);
        return stage.evaluate(program, "finalist", false, Long.MAX_VALUE);
    }

    private static double fitness(Score s) {
        return s == null ? Double.NaN : s.fitness();
    }

    private static List<TrainResult> results(Score s) {
        return s == null ? List.of() : s.results();
    }
}
