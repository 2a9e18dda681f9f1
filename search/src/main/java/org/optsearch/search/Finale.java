package org.optsearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.simplify.Simplifier;
import org.optsearch.train.run.TrainResult;

/** The end of a search: its best programs, simplified, scored on every stage next to reference programs. */
final class Finale {
    /**
     * Largest loss of normalized stage-A fitness, on any task, that the greedy step of simplification may
     * cause (1 = the start program's gain over chance): the {@code simplify} command's default.
     */
    static final double TOLERANCE = 0.01;

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
     * simplified: first by exact rewrites (dead code, algebraic rules: the function is unchanged), then
     * by greedy removal of statements that cost at most {@link #TOLERANCE} of normalized fitness on any
     * stage-A task. A program the greedy step changed is scored again on every stage; otherwise its
     * B and C scores are reused, or made where missing. Then the given reference programs (e.g. Lion),
     * scored on every stage. The start program scores 1 everywhere by definition.
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
            Program exact = Simplifier.rewrite(Simplifier.removeDead(e.candidate().program()).program()).program();
            stageA.reference(start);
            Program simple = Simplifier.greedy(exact, stageA.perTask("simplify"), TOLERANCE).program();
            boolean changed = !Analysis.of(simple).hash().equals(Analysis.of(exact).hash());
            String name = "candidate " + e.candidate().id() + (changed ? String.format(Locale.ROOT,
                    " (greedy: %d -> %d statements)", exact.statements().size(), simple.statements().size()) : "");
            double fa = changed ? stageScore(stageA, simple).fitness() : e.fitnessA();
            Score b = changed || Double.isNaN(e.fitnessB()) ? stageScore(stageB, simple) : null;
            double fb = b != null ? b.fitness() : e.fitnessB();
            Score c = (changed || Double.isNaN(e.fitnessC())) && fb > 1.0 ? stageScore(stageC, simple) : null;
            double fc = c != null ? c.fitness() : changed ? Double.NaN : e.fitnessC();
            out.add(new Finalist(name, simple, fa, fb, fc, results(b), results(c)));
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
