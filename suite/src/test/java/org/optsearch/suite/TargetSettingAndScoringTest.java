package org.optsearch.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;

/** The protocol end to end on two cheap workloads, with 2 trials and 3 seeds (the shipped targets use 30 and 5). */
class TargetSettingAndScoringTest {
    private static final TargetSetting.Protocol SMALL = new TargetSetting.Protocol(2, 3, 0, 1.33);
    private static final List<Workload> WORKLOADS = Workloads.select("lstsq-illcond,breast-cancer-mlp");
    private static Targets targets;
    private static final List<String> phases = new ArrayList<>();

    @BeforeAll
    static void setTargets() {
        Map<String, Targets.Entry> entries = TargetSetting.run(WORKLOADS, List.of(Baselines.ADAMW, Baselines.SGD_HEAVY_BALL),
                SMALL, 2, (phase, done, total) -> {
                    synchronized (phases) {
                        if (done == total) {
                            phases.add(phase + " " + total);
                        }
                    }
                });
        targets = new Targets(new Targets.Provenance("test", "none", "today", "17", 2, 3, 0, "test protocol"), entries);
    }

    @Test
    void progressIsReportedForEachPhase() {
        // 2 workloads x 2 baselines x 2 trials; 2 workloads x 3 seeds; 2 workloads x 2 baselines x 3 seeds.
        assertEquals(List.of("tuning 8", "seeds 6", "baselines 12"), phases);
        assertEquals(8 + 6 + 12, SMALL.trainings(2, 2));
    }

    @Test
    void theTargetIsTheMedianOfTheSeedsBestValuesAndTheBudgetCoversItsSteps() {
        for (Workload w : WORKLOADS) {
            Targets.Entry e = targets.workloads().get(w.name());
            double[] best = e.seedBest().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertEquals(3, best.length);
            assertEquals(best[1], e.target(), 0, w.name());
            assertEquals(0, e.budget() % w.evalInterval());
            assertEquals(Math.min(w.roundUp((long) Math.ceil(1.33 * e.stepsNeeded())), w.tuningSteps()), e.budget());
            // The target setter's own reruns reach the target with at least half the seeds, at the budget.
            long reached = e.baselines().get(e.setBy()).steps().stream().filter(s -> s != Measurement.MISS).count();
            assertTrue(reached >= 2, w.name() + ": " + e);
            assertEquals(2, e.baselines().size());
            assertTrue(e.reachedByABaseline(), w.name());
        }
    }

    @Test
    void targetsRoundTripThroughTheirJsonFile() {
        Targets back = Targets.parse(targets.toJson(), "t.json");
        assertEquals(targets, back);
    }

    @Test
    void aBaselineWhoseTrialsAllDivergedRoundTripsItsNaN() {
        Targets.Entry e = targets.workloads().get("lstsq-illcond");
        Targets odd = targets.with(Map.of("lstsq-illcond", new Targets.Entry(e.metric(), e.target(), e.budget(),
                e.evalInterval(), e.tuningSteps(), e.setBy(), e.stepsNeeded(), List.of(0.5, Double.NaN),
                Map.of("adamw", new Targets.BaselineResult(Map.of("lr_scale", 1.0), 0.05, Double.NaN,
                        List.of(Measurement.MISS))))));
        Targets back = Targets.parse(odd.toJson(), "t.json");
        assertTrue(Double.isNaN(back.workloads().get("lstsq-illcond").baselines().get("adamw").trialBest()));
        assertEquals(odd, back);
    }

    @Test
    void aBadTargetsFileSaysHowToRegenerate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Targets.parse("{\"format\": \"other\"}", "t.json"));
        assertTrue(e.getMessage().contains("optsearch score targets"), e.getMessage());
    }

    @Test
    void selfTuningScoresTheProgramAgainstTheTunedBaselines() {
        Scorer.Submission adamw = new Scorer.Submission("adamw-default", Baselines.ADAMW.program());
        Scoreboard board = Scorer.score(List.of(adamw), WORKLOADS, targets, 2, null, 2, Parallel.Progress.NONE);
        assertEquals(List.of("adamw-default", "adamw", "sgd-heavy-ball"),
                board.rows().stream().map(Scoreboard.Row::name).toList());
        Scoreboard.Row row = board.row("adamw-default");
        assertEquals(2 * 2, row.runs().size());
        for (int k = 0; k < 2; k++) {
            double[] seeds = row.samples().get(k);
            assertEquals(Stats.median(seeds), row.steps()[k]);
        }
        double best = board.rows().stream().mapToDouble(Scoreboard.Row::score).max().orElseThrow();
        assertTrue(best > 0 && best <= 1);
        Scoreboard again = Scorer.score(List.of(adamw), WORKLOADS, targets, 2, null, 1, Parallel.Progress.NONE);
        assertArrayEquals(row.steps(), again.row("adamw-default").steps(), "deterministic whatever the threads");
    }

    @Test
    void aProgramThatDivergesEverywhereMissesEverythingAndScoresZero() {
        Program explosive = Baselines.SGD_HEAVY_BALL.program().withHyperparameters(Map.of("lr_scale", 1e5));
        Scoreboard board = Scorer.score(List.of(new Scorer.Submission("boom", explosive)), WORKLOADS, targets, 2, null, 2,
                Parallel.Progress.NONE);
        Scoreboard.Row row = board.row("boom");
        assertEquals(2, row.misses());
        assertEquals(0, row.score());
        assertTrue(Double.isNaN(row.speedup()));
        assertTrue(row.runs().stream().allMatch(Measurement::diverged));
        assertTrue(row.tests().stream().allMatch(t -> t == null), "no claim, no test");
    }

    @Test
    void externalTuningTakesEachStudysFastestTrialThenTheMedianOverStudies() {
        SearchSpace space = SearchSpace.parse(
                "{\"parameters\": {\"lr_scale\": {\"min\": 1e-3, \"max\": 3e-2, \"scale\": \"log\"}}}", false, "s.json");
        Scorer.External external = new Scorer.External(space, 2, 3);
        Scoreboard board = Scorer.score(List.of(new Scorer.Submission("adamw", Baselines.ADAMW.program())),
                WORKLOADS.subList(0, 1), targets, 1, external, 2, Parallel.Progress.NONE);
        Scoreboard.Row row = board.rows().get(0);
        assertEquals(3 * 2, row.runs().size());
        double[] studies = row.samples().get(0);
        for (int s = 0; s < 3; s++) {
            double fastest = Math.min(row.runs().get(2 * s).steps(), row.runs().get(2 * s + 1).steps());
            assertEquals(fastest, studies[s]);
        }
        assertEquals(Stats.median(studies), row.steps()[0]);
        assertEquals("external", board.ruleset());
    }

    @Test
    void aTargetNoBaselineReachedIsRefused() {
        Targets.Entry e = targets.workloads().get("lstsq-illcond");
        Map<String, Targets.BaselineResult> missed = Map.of("adamw", new Targets.BaselineResult(Map.of(), 0.05, 1,
                List.of(Measurement.MISS, Measurement.MISS)));
        Targets bad = targets.with(Map.of("lstsq-illcond", new Targets.Entry(e.metric(), 1e-9, e.budget(),
                e.evalInterval(), e.tuningSteps(), "adamw", e.stepsNeeded(), e.seedBest(), missed)));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> Scorer.score(
                List.of(new Scorer.Submission("a", Baselines.ADAMW.program())), WORKLOADS, bad, 1, null, 1,
                Parallel.Progress.NONE));
        assertTrue(x.getMessage().startsWith("workload 'lstsq-illcond': no baseline reached its target"), x.getMessage());
    }

    @Test
    void aWorkloadWithoutATargetSaysHowToComputeOne() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> Scorer.score(
                List.of(new Scorer.Submission("a", Baselines.ADAMW.program())), Workloads.select("mqar"), targets, 1,
                null, 1, Parallel.Progress.NONE));
        assertTrue(x.getMessage().contains("has no target") && x.getMessage().contains("optsearch score targets"),
                x.getMessage());
    }

    @Test
    void heldOutVariantsAreMeasuredButLeftOutOfTheScore() {
        List<Workload> withVariant = List.of(WORKLOADS.get(0), Workloads.all().get("breast-cancer-mlp-tanh"));
        Targets.Entry e = targets.workloads().get("breast-cancer-mlp");
        Targets more = targets.with(Map.of("breast-cancer-mlp-tanh", e));
        Scoreboard both = Scorer.score(List.of(new Scorer.Submission("a", Baselines.ADAMW.program())), withVariant, more,
                1, null, 2, Parallel.Progress.NONE);
        Scoreboard alone = Scorer.score(List.of(new Scorer.Submission("a", Baselines.ADAMW.program())),
                withVariant.subList(0, 1), more, 1, null, 2, Parallel.Progress.NONE);
        for (int r = 0; r < both.rows().size(); r++) {
            assertEquals(alone.rows().get(r).score(), both.rows().get(r).score(), both.rows().get(r).name());
            assertEquals(2, both.rows().get(r).steps().length, "the variant is still measured");
        }
        assertArrayEquals(new int[] {0}, Scorer.counted(withVariant));
        Workload variant = withVariant.get(1);
        assertArrayEquals(new int[] {0, 1}, Scorer.counted(List.of(variant, variant)), "only variants: they all count");
    }

    @Test
    void medianOfBestTreatsADivergedSeedAsTheWorst() {
        assertEquals(0.5, TargetSetting.medianOfBest(Metric.MSE, new double[] {0.2, Double.NaN, 0.5}));
        assertEquals(0.8, TargetSetting.medianOfBest(Metric.ACCURACY, new double[] {0.9, Double.NaN, 0.8}));
        assertEquals(0.85, TargetSetting.medianOfBest(Metric.ACCURACY, new double[] {0.9, 0.8}), 1e-12);
        assertTrue(Arrays.equals(new double[] {1}, new double[] {1}));
    }
}
