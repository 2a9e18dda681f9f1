package org.optsearch.search;

import org.optsearch.search.calibrate.Calibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.task.Tasks;

/**
 * A later stage (B or C) on which the start program gives no reference: it diverges there, or the task
 * cannot be trained at all. The search says so before its first evaluation, promotes nothing to that
 * stage, and its finale still scores every program on the stages it can use.
 */
class FinaleFailuresTest {
    /** Plain SGD with a large step: trains on breast-cancer-mlp:S, diverges on :M. */
    private static final Program BOLD_SGD = Program.parse("""
            def train(w, g, lr):
              lr = lr * 3
              update = g * lr
              return update
            """);

    private static final Program LION = Program.parse("""
            def train(w, g, m, lr):
              u = interp(g, m, 0.9)
              s = sign(u)
              lr = lr * 0.001
              update = s * lr
              m = interp(g, m, 0.99)
              return update, m
            """);

    private static SearchConfig config(List<String> b, List<String> c) {
        return new SearchConfig(Mode.EVOLVE, 10, 2, new Budget(null, 8), 1, BOLD_SGD, "bold_sgd.opt",
                List.of("breast-cancer-mlp:S"), b, c, 0.5, 0, 0, MutationConfig.defaults(), 3, Duration.ofMinutes(1),
                false, Calibration.Plan.off(), false);
    }

    /** Records problems and evaluations in the order they happen. */
    private static final class Events implements SearchListener {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void evaluated(Candidate candidate, StageName stage, Score score, int worker, double seconds) {
            log.add("evaluated on " + stage);
        }

        @Override
        public void problem(Candidate candidate, String what) {
            log.add("problem: " + what);
        }

        List<String> problems() {
            return log.stream().filter(e -> e.startsWith("problem: ")).toList();
        }
    }

    @Test
    void aStageOnWhichTheStartProgramDivergesIsSkippedFromTheStartAndTheFinaleScoresTheOthers() {
        Events events = new Events();
        SearchEngine engine = new SearchEngine(config(List.of("breast-cancer-mlp:M"), List.of("breast-cancer-mlp:S")),
                Tasks::resolve, events, System::nanoTime);
        SearchResult result = engine.run();

        assertTrue(events.log.get(0).startsWith("problem: stage B is skipped: the start program diverges on "
                + "breast-cancer-mlp:M"), "warned before the first evaluation: " + events.log);
        assertEquals(1, events.problems().size(), events.log.toString());
        assertEquals(0, result.status().evaluatedB(), "nothing is promoted to a stage without a reference");
        assertEquals(0, result.status().evaluatedC(), "stage C is reached only through B during the search");

        List<Finalist> finalists = engine.finale(result, 2, Map.of("lion", LION));

        Finalist start = finalists.stream().filter(f -> f.name().endsWith("(start)")).findFirst().orElseThrow();
        assertEquals(TrainResult.FAILED, start.fitnessB(), "the start program did fail on B: " + start);
        assertTrue(start.trainedB().get(0).diverged(), "its diverged training is kept: " + start.trainedB());
        assertTrue(start.notes().stream().anyMatch(n -> n.startsWith("stage B is skipped: the start program diverges")),
                start.notes().toString());
        assertEquals(1.0, start.fitnessC());
        for (Finalist f : finalists) {
            if (f != start) {
                assertTrue(Double.isNaN(f.fitnessB()), "no reference, no normalized score on B: " + f);
                assertTrue(Double.isFinite(f.fitnessC()) || f.fitnessC() == TrainResult.FAILED,
                        "scored on C directly, since B cannot filter: " + f);
            }
        }
        assertTrue(finalists.stream().anyMatch(f -> f.name().startsWith("candidate")), finalists.toString());
    }

    @Test
    void aTaskThatCannotBeTrainedMakesTheStageUnusableAlsoWhenItsTasksTrainAtOnce() {
        Task good = Tasks.resolve("breast-cancer-mlp:S");
        Task broken = new Task("broken", good.objective(), () -> {
            throw new ArithmeticException("integer overflow");
        }, good.train(), good.validation(), good.config());
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
        try {
            Stage serial = new Stage(StageName.B, List.of(broken, good), 0);
            Stage parallel = new Stage(StageName.B, List.of(broken, good), 0);
            List<TrainResult> one = serial.train(LION);
            List<TrainResult> two = parallel.train(LION, pool);
            assertEquals(1, two.size(), "the results up to the task that cannot be trained, as in turn: " + two);
            assertEquals(one, two);
            assertEquals("broken cannot be trained: integer overflow (ArithmeticException)", parallel.unusable());
            Stage fine = new Stage(StageName.B, List.of(good, Tasks.resolve("diabetes-mlp:S")), 0);
            List<TrainResult> inTurn = new Stage(StageName.B, fine.tasks, 0).train(LION);
            List<TrainResult> atOnce = fine.train(LION, pool);
            assertEquals(inTurn.stream().map(TrainResult::curve).toList(), atOnce.stream().map(TrainResult::curve)
                    .toList(), "the same trainings, in the tasks' order (only the seconds differ)");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStageWhoseTaskCannotBeTrainedIsReportedOnceAndTheSearchGoesOnWithoutIt() {
        AtomicInteger builds = new AtomicInteger();
        Function<String, Task> tasks = name -> {
            Task t = Tasks.resolve(name);
            if (!name.equals("breast-cancer-mlp:M")) {
                return t;
            }
            return new Task(t.name(), t.objective(), () -> {
                builds.incrementAndGet();
                throw new ArithmeticException("integer overflow");
            }, t.train(), t.validation(), t.config());
        };
        SearchConfig startGently = new SearchConfig(Mode.EVOLVE, 10, 2, new Budget(null, 8), 1, LION, "lion.opt",
                List.of("breast-cancer-mlp:S"), List.of("breast-cancer-mlp:M"), List.of(), 0.5, 0, 0,
                MutationConfig.defaults(), 3, Duration.ofMinutes(1), false,
                Calibration.Plan.off(), false);
        Events events = new Events();
        SearchEngine engine = new SearchEngine(startGently, tasks, events, System::nanoTime);
        SearchResult result = engine.run();
        List<Finalist> finalists = engine.finale(result, 2, Map.of());

        assertEquals(List.of("problem: stage B is skipped: breast-cancer-mlp:M cannot be trained: integer overflow "
                + "(ArithmeticException); normalized fitness there is undefined, so no program is promoted to it or scored "
                + "on it"), events.problems());
        assertEquals(1, builds.get(), "the broken task is tried once, not once per promotion");
        assertEquals(0, result.status().evaluatedB());
        assertFalse(finalists.isEmpty());
        Finalist start = finalists.get(finalists.size() - 1);
        assertEquals("lion.opt (start)", start.name());
        assertEquals(TrainResult.FAILED, start.fitnessB());
        assertEquals("cannot be trained: integer overflow (ArithmeticException)",
                start.trainedB().get(0).divergence());
    }

    @Test
    void aTrainingThatThrowsInTheFinaleMarksThatStageFailedAndEveryProgramIsStillCompared() {
        AtomicBoolean broken = new AtomicBoolean();
        Function<String, Task> tasks = name -> {
            Task t = Tasks.resolve(name);
            return !name.equals("breast-cancer-mlp:M") ? t : new Task(t.name(), t.objective(), () -> {
                if (broken.get()) {
                    throw new IllegalStateException("out of device memory");
                }
                return t.model().get();
            }, t.train(), t.validation(), t.config());
        };
        SearchConfig c = new SearchConfig(Mode.EVOLVE, 10, 2, new Budget(null, 8), 1, LION, "lion.opt",
                List.of("breast-cancer-mlp:S"), List.of("breast-cancer-mlp:M"), List.of(), 0.5, 0, 0,
                MutationConfig.defaults(), 3, Duration.ofMinutes(1), false,
                Calibration.Plan.off(), false);
        SearchEngine engine = new SearchEngine(c, tasks, new SearchListener() { }, System::nanoTime);
        SearchResult result = engine.run();
        broken.set(true);

        List<Finalist> finalists = engine.finale(result, 2, Map.of("lion again", LION));

        Finalist again = finalists.get(finalists.size() - 1);
        assertEquals("lion again", again.name());
        assertTrue(Double.isFinite(again.fitnessA()), "stage A still scored: " + again);
        assertEquals(TrainResult.FAILED, again.fitnessB());
        assertEquals(List.of("stage B failed: error: out of device memory (IllegalStateException)"), again.notes());
        assertEquals(1.0, finalists.get(finalists.size() - 2).fitnessB(), "the start program's reference stands");
    }
}
