package org.optsearch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Numbers;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.Candidate;
import org.optsearch.search.Change;
import org.optsearch.search.Score;
import org.optsearch.search.SearchConfig;
import org.optsearch.train.run.TrainResult;

/** Programs, candidates, configs and scores for the store's tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** Momentum SGD whose decay is {@code beta}: a different program (and hash) for each value. */
    static Program program(double beta) {
        return Program.parse("def train(w, g, m, lr):\n  m = interp(g, m, " + Numbers.format(beta) + ")\n"
                + "  update = m * lr\n  return update, m\n");
    }

    static final Program START = program(0.9);

    static SearchConfig config(int populationSize, int plateau) {
        return SearchConfig.builder().setStart(START, "momentum").setStageA(List.of("digits-mlp:S"))
                .setBudget(Budget.parse("500-evals")).optPopulation(populationSize, Math.min(2, populationSize))
                .optStageB(List.of("digits-mlp:M")).optPromoteFraction(0.1).optHurdleFactor(2.0).optPlateau(plateau)
                .optSeed(42).optEvaluationLimit(Duration.ofMinutes(5)).build();
    }

    static RunInfo info(SearchConfig config) {
        return new RunInfo(Instant.parse("2025-01-02T03:04:05Z"), ConfigJson.write(config), "optsearch search --test",
                "test", null, "test jvm", "test os", null);
    }

    /** A candidate with its real dataflow hash; {@code fingerprint} is given (the engine's is numeric). */
    static Candidate candidate(long id, long parent, Program program, long fingerprint) {
        return new Candidate(id, parent, program, Analysis.of(program).hash(), fingerprint,
                id == 0 ? Change.of(Change.Kind.START, "start program momentum") : Change.of(Change.Kind.TUNE,
                        "tune statement 1 (a constant)"), 0);
    }

    static Candidate candidate(long id, double beta) {
        return candidate(id, id == 0 ? -1 : 0, program(beta), 1000 + id);
    }

    /** A candidate with the same program (and hash) as {@code other}: a hash hit, fingerprint 0. */
    static Candidate hashHit(long id, Candidate other) {
        return new Candidate(id, other.id(), other.program(), other.hash(), 0,
                new Change(Change.Kind.INSERT, "insert 'x9 = g' as statement 1 of 3", List.of("x9 = g")), 1);
    }

    static Score score(double fitness) {
        List<TrainResult.Point> curve = List.of(new TrainResult.Point(0, 2.3, 2.31, 0.1),
                new TrainResult.Point(50, 1.1, Double.NaN, 0.6), new TrainResult.Point(100, 0.5, 0.52, 0.85));
        TrainResult r = new TrainResult("digits-mlp:S", "candidate", 100, 0.52, 0.85, 0.85, null, 0.25, curve);
        return Score.of(fitness, List.of(r));
    }

    static Score hurdle(long savedSteps) {
        TrainResult r = new TrainResult("digits-mlp:S", "candidate", 20, 9.5, Double.NaN, TrainResult.FAILED,
                "hurdle at step 20: validation loss 9.5 > 2.0 x the start program's 2.2", 0.05,
                List.of(new TrainResult.Point(20, 9.0, 9.5, Double.NaN)));
        return new Score(TrainResult.FAILED, List.of(r), "digits-mlp:S: " + r.divergence(), true, savedSteps);
    }
}
