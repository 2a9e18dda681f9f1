package org.optsearch.search;

import org.optsearch.search.calibrate.Calibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepScale;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.train.task.Tasks;

/** The finale simplifies the best programs greedily within a tolerance and scores what it keeps. */
class FinaleTest {
    /** Momentum at a small step: the start program of these tests (and of {@link RecalibrationTest}). */
    static final Program START = Program.parse("""
            def train(w, g, m, lr):
              m = interp(g, m, 0.9)
              lr = lr * 0.01
              update = m * lr
              return update, m
            """);

    /** The start program plus a statement that barely changes anything: exact rewrites keep it, greedy does not. */
    private static final Program BLOATED = Program.parse("""
            def train(w, g, m, lr):
              m = interp(g, m, 0.9)
              lr = lr * 0.01
              update = m * lr
              tiny = w * 1e-09
              update = update + tiny
              return update, m
            """);

    /**
     * Greedy removal looks at stage A only: there (breast-cancer at S, validation loss) the bloated program's
     * learning-rate scale costs less than the tolerance, so greedy removes it; on B (M, 5x the steps) that
     * program falls far behind, so the simplification is undone and the exact program is shown, with a note.
     */
    @Test
    void aGreedySimplificationThatLosesOnStageBIsUndone() {
        SearchEngine engine = engine(1, Calibration.Plan.off());
        SearchResult withBloated = runWithOnly(engine, 99, BLOATED, 1.0);

        List<Finalist> finalists = engine.finale(withBloated, 1, Map.of());

        Finalist f = finalists.get(0);
        assertEquals("candidate 99", f.name(), "no greedy statement count in the name: " + f.notes());
        assertEquals(BLOATED.print(), f.program().print(), "the exact program is kept");
        assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("greedy simplification undone: on stage B")),
                f.notes().toString());
        assertTrue(f.fitnessB() > 0.99, "the exact program scores like the start program on B: " + f);
    }

    /**
     * The exact program's B score, made to judge the simplification, is the one shown when the simplification
     * is undone: B trains the start program once and the candidate twice (exact and simplified), not three
     * times (on the standard preset each is a recalibrated training of minutes).
     */
    @Test
    void aScoreMadeToJudgeTheSimplificationIsNotMadeAgain() {
        java.util.concurrent.atomic.AtomicInteger trainingsOnB = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<String, org.optsearch.train.run.Task> tasks = name -> {
            org.optsearch.train.run.Task t = Tasks.resolve(name);
            if (!name.equals("breast-cancer-mlp:M")) {
                return t;
            }
            return new org.optsearch.train.run.Task(t.name(), t.objective(), () -> {
                trainingsOnB.incrementAndGet();
                return t.model().get();
            }, t.train(), t.validation(), t.config());
        };
        SearchEngine engine = new SearchEngine(engine(1, Calibration.Plan.off()).config(), tasks,
                new SearchListener() { }, System::nanoTime);
        SearchResult withBloated = runWithOnly(engine, 99, BLOATED, 1.0);
        int before = trainingsOnB.get();

        Finalist f = engine.finale(withBloated, 1, Map.of()).get(0);

        assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("greedy simplification undone: on stage B")),
                f.notes().toString());
        assertEquals(2, trainingsOnB.get() - before, "the exact and the simplified program, once each");

        // Two candidates that simplify to the same program: that program is trained on B once for both.
        Program bloatedAgain = Program.parse(BLOATED.print().replace("1e-09", "2e-09"));
        Analysis a = Analysis.of(bloatedAgain);
        Candidate again = new Candidate(98, 0, bloatedAgain, a.hash(), 0, Change.of(Change.Kind.MODIFY, "test"),
                a.deadStatements().size());
        SearchResult withBoth = new SearchResult(withBloated.status(), withBloated.baseline(), List.of(
                withBloated.top().get(0), new SearchResult.Entry(again, 1.0, Double.NaN, Double.NaN)),
                withBloated.metaValidation());
        int beforeBoth = trainingsOnB.get();
        List<Finalist> both = engine.finale(withBoth, 2, Map.of());
        assertEquals(2, both.stream().filter(x -> x.name().startsWith("candidate 9")).count(), both.toString());
        assertEquals(3, trainingsOnB.get() - beforeBoth, "each exact program, and the simplified one once");
    }

    /**
     * Finalists are taken in the funnel's order: a program that beat the start program on B during the
     * search comes before a better one on A that failed B, and the failed one's entry gives the reason it
     * failed there, from the search (its B score is reused, not trained again).
     */
    @Test
    void finalistsAreTakenByTheFunnelAndAFailureDuringTheSearchKeepsItsReason() {
        SearchEngine engine = engine(2, Calibration.Plan.off());
        SearchResult result = engine.run();
        SearchResult.Entry bestOnA = entry(1, "0.05", 1.3).withB(new Score(org.optsearch.train.run.TrainResult.FAILED,
                List.of(), "breast-cancer-mlp:M: hurdle at step 40: validation loss 2.0 > 2.0 x the start program's 0.5",
                true, 100));
        SearchResult.Entry passedB = entry(2, "0.02", 1.05).withB(Score.of(1.02, List.of()));
        SearchResult withBoth = new SearchResult(result.status(), result.baseline(), List.of(bestOnA, passedB),
                result.metaValidation());

        List<Finalist> one = engine.finale(withBoth, 1, Map.of());
        assertEquals("candidate 2", one.get(0).name(), one.toString());
        assertEquals(1.02, one.get(0).fitnessB(), 1e-12, "its B score from the search is reused");
        assertEquals("candidate 2", FunnelSelection.choose(one).finalist().name(), "and it is the result");

        List<Finalist> two = engine.finale(withBoth, 2, Map.of());
        Finalist failed = two.get(1);
        assertEquals("candidate 1", failed.name());
        assertEquals(org.optsearch.train.run.TrainResult.FAILED, failed.fitnessB());
        assertTrue(failed.notes().contains("stage B failed during the search: breast-cancer-mlp:M: hurdle at step 40: "
                + "validation loss 2.0 > 2.0 x the start program's 0.5"), failed.notes().toString());
    }

    /**
     * The finale's programs share its threads, down to each rung's and each task's training: on one thread or
     * several, it shows the same finalists with the same scores.
     */
    @Test
    void theFinaleIsTheSameOnOneThreadOrSeveral() {
        Calibration.Plan recalibration = Calibration.Plan.halfDecades(3, 2);
        List<List<String>> shown = new java.util.ArrayList<>();
        for (int workers : new int[] {1, 2}) {
            SearchEngine engine = engine(workers, recalibration);
            SearchResult withBloated = runWithOnly(engine, 99, BLOATED, 1.0);
            shown.add(engine.finale(withBloated, 1, Map.of("start again", START)).stream()
                    .map(f -> f.name() + " " + f.fitnessA() + " " + f.fitnessB() + " " + f.notes() + "\n"
                            + f.program().print())
                    .toList());
        }
        assertEquals(3, shown.get(0).size(), shown.get(0).toString());
        assertEquals(shown.get(0), shown.get(1));
    }

    /**
     * With one program left, the finale trains its rungs on all of its threads (on the standard preset one
     * recalibrated C score is many minutes): each training on B waits, up to 10 seconds, for another to start
     * beside it, which happens at once only when they are made in parallel.
     */
    @Test
    void oneProgramsTrainingsUseTheFinalesThreads() throws Exception {
        java.util.concurrent.CountDownLatch two = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.function.Function<String, org.optsearch.train.run.Task> tasks = name -> {
            org.optsearch.train.run.Task t = Tasks.resolve(name);
            return !name.equals("breast-cancer-mlp:M") ? t
                    : new org.optsearch.train.run.Task(t.name(), t.objective(), () -> {
                        if (armed.get()) {
                            threads.add(Thread.currentThread().getName());
                            two.countDown();
                            try {
                                two.await(10, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return t.model().get();
                    }, t.train(), t.validation(), t.config());
        };
        SearchEngine engine = new SearchEngine(engine(2, Calibration.Plan.halfDecades(3, 2)).config(), tasks,
                new SearchListener() { }, System::nanoTime);
        SearchResult withBloated = runWithOnly(engine, 99, BLOATED, 1.0);
        armed.set(true);
        long t0 = System.nanoTime();

        engine.finale(withBloated, 1, Map.of());

        assertTrue(threads.size() >= 2, "trained on " + threads);
        assertTrue(System.nanoTime() - t0 < 9_000_000_000L, "no training waited for a second one");
    }

    private static SearchResult.Entry entry(long id, String step, double fitnessA) {
        // one statement: greedy removal would leave a step of 1 x g, far worse, so it keeps the program as it is
        Program p = Program.parse("def train(w, g, lr):\n  u = g * " + step + "\n  return u\n");
        Analysis a = Analysis.of(p);
        Candidate c = new Candidate(id, 0, p, a.hash(), 0, Change.of(Change.Kind.MODIFY, "test"),
                a.deadStatements().size());
        return new SearchResult.Entry(c, fitnessA, Double.NaN, Double.NaN);
    }

    /**
     * A search from {@link #START} on breast-cancer at S (A) and M (B), one evaluation long, on {@code workers},
     * B recalibrated by {@code recalibration}.
     */
    private static SearchEngine engine(int workers, Calibration.Plan recalibration) {
        return engine(workers, recalibration, START);
    }

    private static SearchEngine engine(int workers, Calibration.Plan recalibration, Program start) {
        return engine(workers, recalibration, start, List.of());
    }

    private static SearchEngine engine(int workers, Calibration.Plan recalibration, Program start,
            List<String> stageC) {
        SearchConfig config = new SearchConfig(Mode.EVOLVE, 20, 2, new Budget(null, 1), workers, start, "start",
                List.of("breast-cancer-mlp:S"), List.of("breast-cancer-mlp:M"), stageC, 0.2, 0, 0,
                MutationConfig.defaults(), 7, Duration.ofMinutes(1), false, Calibration.Plan.off(), false,
                recalibration);
        return new SearchEngine(config, Tasks::resolve, new SearchListener() { }, System::nanoTime);
    }

    /** Runs the search, then gives its result with {@code program} (scored {@code fitnessA} on A) as its only program. */
    private static SearchResult runWithOnly(SearchEngine engine, long id, Program program, double fitnessA) {
        SearchResult result = engine.run();
        Analysis a = Analysis.of(program);
        Candidate c = new Candidate(id, 0, program, a.hash(), 0, Change.of(Change.Kind.MODIFY, "test"),
                a.deadStatements().size());
        return new SearchResult(result.status(), result.baseline(),
                List.of(new SearchResult.Entry(c, fitnessA, Double.NaN, Double.NaN)), result.metaValidation());
    }

    /**
     * A candidate that simplifies to the start program is left out even when a later stage recalibrates it
     * (its program is then shown at another step, but it is the same program).
     */
    @Test
    void aCandidateThatSimplifiesToTheStartProgramIsLeftOutAlsoWhenRecalibrated() {
        // one statement that greedy cannot remove (bypassing it drops g or lr): from START, plain SGD at the
        // same step is within tolerance on breast-cancer, and the candidate would simplify to that instead
        Program start = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        SearchEngine engine = engine(1, Calibration.Plan.halfDecades(3, 2), start);
        Program withDeadCode = Program.parse(start.print().replace("  update = g * lr\n",
                "  update = g * lr\n  unused = g * 2.0\n"));
        SearchResult one = runWithOnly(engine, 5, withDeadCode, 1.01);

        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Finalist> finalists = engine.finale(one, 1, Map.of(), progress::add);

        assertEquals(List.of("start (start)"), finalists.stream().map(Finalist::name).toList());
        assertEquals("finale: candidate 5 is left out: simplified, it is the start program",
                progress.get(progress.size() - 1), "said as it is left out: " + progress);
        assertTrue(finalists.get(0).notes().stream().anyMatch(n -> n.startsWith("step size recalibrated")),
                "B moved the step (so the shown programs differ from the simplified ones): " + finalists.get(0));
    }

    /**
     * When the best candidates all simplify to a program already shown, the finale looks at no more than
     * {@link Finale#CANDIDATES_PER_FINALIST} per finalist asked for, and says so, instead of walking the list.
     */
    @Test
    void theFinaleLooksAtABoundedNumberOfCandidates() {
        Program start = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        SearchEngine engine = engine(1, Calibration.Plan.off(), start);
        SearchResult result = engine.run();
        List<SearchResult.Entry> entries = new java.util.ArrayList<>();
        for (int id = 1; id <= 4; id++) { // four spellings of the start program with dead code: each simplifies to it
            Program p = Program.parse(start.print().replace("  update = g * lr\n",
                    "  update = g * lr\n  unused = g * " + (id + 1) + ".0\n"));
            Analysis a = Analysis.of(p);
            entries.add(new SearchResult.Entry(new Candidate(id, 0, p, a.hash(), 0,
                    Change.of(Change.Kind.MODIFY, "test"), a.deadStatements().size()), 1.01 - id * 0.001,
                    Double.NaN, Double.NaN));
        }
        SearchResult four = new SearchResult(result.status(), result.baseline(), entries, result.metaValidation());

        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Finalist> finalists = engine.finale(four, 1, Map.of(), progress::add);

        assertEquals(List.of("start (start)"), finalists.stream().map(Finalist::name).toList());
        assertEquals(Finale.CANDIDATES_PER_FINALIST, progress.stream().filter(l -> l.contains(" is left out:")).count(),
                "only the first ones are looked at: " + progress);
        assertEquals("finale: 2 candidates looked at, 0 distinct (at most 2 per finalist asked for); the other 2 are not",
                progress.get(progress.size() - 1), progress.toString());
    }

    /**
     * A reference program in the finale is scored on C around the step B chose for it, as the search scores a
     * candidate there: the shown program's C multiplier is B's times one of the plan's, and its C score is the
     * one stage C makes of the program at B's step.
     */
    @Test
    void theFinaleScoresAProgramOnCAroundTheStepBChose() {
        Calibration.Plan plan = Calibration.Plan.halfDecades(3, 2);
        SearchEngine engine = engine(1, plan, START, List.of("diabetes-mlp:M"));
        SearchResult result = engine.run();
        Program slow = StepScale.fold(START, 0.1);

        Finalist f = engine.finale(result, 0, Map.of("slow", slow)).stream().filter(x -> x.name().equals("slow"))
                .findFirst().orElseThrow();

        java.util.regex.Matcher m = java.util.regex.Pattern.compile("x([0-9.e+-]+) on B, x([0-9.e+-]+) on C")
                .matcher(String.join("\n", f.notes()));
        assertTrue(m.find(), "the note says what B and C chose: " + f.notes());
        double onB = Double.parseDouble(m.group(1));
        double onC = Double.parseDouble(m.group(2));
        assertTrue(onB > 1, "B raises a step ten times too small: x" + onB);
        assertTrue(plan.multipliers().stream().anyMatch(k -> Math.abs(onB * k / onC - 1) < 0.01),
                "C's choice is B's times one of the plan's: x" + onB + " on B, x" + onC + " on C");
        Stage b = new Stage(StageName.B, List.of(Tasks.resolve("breast-cancer-mlp:M")), 0, plan);
        Stage c = new Stage(StageName.C, List.of(Tasks.resolve("diabetes-mlp:M")), 0, plan, b);
        c.train(START);
        double atB = b.score(slow, "slow", false, Long.MAX_VALUE).multiplier();
        assertEquals(c.score(StepScale.fold(slow, atB), "slow", false, Long.MAX_VALUE).fitness(), f.fitnessC(),
                "scored on C as the stage scores the program at B's step");
    }

    /**
     * Two candidates that differ only in a scale constant, which the later stages' recalibration undid, were
     * trained there as one program: the finale shows it once.
     */
    @Test
    void candidatesThatAreOneProgramAtTheLaterStagesStepAreShownOnce() {
        Program written = Program.parse("def train(w, g, m, lr):\n  m = interp(g, m, 0.9)\n  update = m * lr\n"
                + "  step = update * 0.05\n  return step, m\n");
        Program larger = StepScale.fold(written, 2.0); // B chose half its step: the same program there
        assertShownOnce(written, larger, 0.5, "at the step the later stages chose, it is the same program as "
                + "candidate 1");
    }

    /** Two candidates whose constants multiply to the same step compute the same updates: shown once. */
    @Test
    void candidatesThatComputeTheSameUpdatesAreShownOnce() {
        Program twoConstants = Program.parse("def train(w, g, lr):\n  lr = lr * 0.001\n  update = g * lr\n"
                + "  step = update * 10.0\n  return step\n");
        Program oneConstant = Program.parse("def train(w, g, lr):\n  update = g * lr\n  step = update * 0.01\n"
                + "  return step\n");
        assertShownOnce(twoConstants, oneConstant, 1.0, "at the step the later stages chose, it computes the same "
                + "updates as candidate 1");
    }

    /**
     * Gives the finale of a one-evaluation search {@code first} and {@code second} as its two programs (B's
     * multiplier 1 and {@code secondAtB}) and checks that only the first is shown, the second left out {@code why}.
     */
    private static void assertShownOnce(Program first, Program second, double secondAtB, String why) {
        Program start = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        SearchEngine engine = engine(1, Calibration.Plan.off(), start);
        SearchResult result = engine.run();
        List<SearchResult.Entry> entries = new java.util.ArrayList<>();
        long id = 1;
        for (Program p : new Program[] {first, second}) {
            Analysis a = Analysis.of(p);
            entries.add(new SearchResult.Entry(new Candidate(id++, 0, p, a.hash(), 0,
                    Change.of(Change.Kind.MODIFY, "test"), a.deadStatements().size()), 1.05, Double.NaN, 1.02,
                    Double.NaN, 1.0, p == first ? 1.0 : secondAtB, Double.NaN, List.of()));
        }
        SearchResult two = new SearchResult(result.status(), result.baseline(), entries, result.metaValidation());

        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Finalist> finalists = engine.finale(two, 2, Map.of(), progress::add);

        assertEquals(List.of("candidate 1", "start (start)"), finalists.stream().map(Finalist::name).toList(),
                progress.toString());
        assertTrue(progress.contains("finale: candidate 2 is left out: " + why), progress.toString());
    }
}
