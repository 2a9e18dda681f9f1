package org.optsearch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.Candidate;
import org.optsearch.search.Change;
import org.optsearch.search.Evaluator;
import org.optsearch.search.Score;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.StageName;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.lang.StepScale;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.search.mutate.Mutator;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.task.Tasks;

/**
 * The coordinator's dispatcher against real worker JVMs on loopback: a score does not depend on the
 * worker (task-file data shipped by hash included; calibrated on A, confirmed on A2, at A's multiplier on
 * B, against the calibrated start program), a frozen worker's evaluation is sent again and
 * recorded once, and a worker with the wrong token gets nothing.
 */
class ClusterDispatchTest {
    private static final String TOKEN = "a-test-token-of-some-length";

    @Test
    void aCandidateScoresTheSameOnEitherWorkerAndHereWithItsTaskFileShippedByHash(@TempDir Path dir) throws Exception {
        Path task = taskFile(dir);
        SearchConfig config = config(task.toString(), Duration.ofMinutes(5));
        Program reference = config.start().inlineHyperparameters();
        List<JobList.Done> done = scoredOnTwoWorkers(dir, config, reference, false, c -> List.of(
                new SearchEngine.Job(c), new SearchEngine.Job(c)));

        assertEquals(1.0, done.get(0).score().multiplier(), "not calibrated: the program as written");
        String sha = TaskFiles.sha256(dir.resolve("cancer.csv"));
        for (String w : List.of("one", "two")) {
            assertTrue(Files.isRegularFile(dir.resolve(w + "-cache").resolve(sha + "-cancer.csv")),
                    w + " cached the data file by its hash");
        }
    }

    @Test
    void aCalibratedCandidateScoresTheSameOnEitherWorkerAndHereOnEveryStageAgainstTheCalibratedStart(@TempDir Path dir)
            throws Exception {
        Path task = taskFile(dir);
        Calibration.Plan plan = Calibration.Plan.halfDecades(3, 2);
        SearchConfig config = config(task.toString(), Duration.ofMinutes(5)).toBuilder().optCalibration(plan)
                .optConfirm(true).optStageB(List.of(task.toString())).optRecalibration(plan).build();
        // as the engine's calibration of the start program may have left it: not the program of the config
        Program reference = StepScale.fold(config.start().inlineHyperparameters(), plan.multipliers().get(0));
        double[] chosen = new double[1];
        List<JobList.Done> done = scoredOnTwoWorkers(dir, config, reference, true, c -> {
            chosen[0] = here(config, reference).get(StageName.A).evaluate(StageName.A, c.analysis(), "candidate "
                    + c.id(), 1.0, Long.MAX_VALUE).multiplier();
            return List.of(new SearchEngine.Job(c), new SearchEngine.Job(c),
                    new SearchEngine.Job(c, StageName.A2, chosen[0]), new SearchEngine.Job(c, StageName.B, chosen[0]));
        });

        for (JobList.Done d : done.subList(0, 3)) {
            assertEquals(chosen[0], d.score().multiplier(), d.job().name() + ": trained at the multiplier A chose");
        }
        double onB = done.get(3).score().multiplier() / chosen[0];
        assertTrue(plan.multipliers().stream().anyMatch(m -> Math.abs(m - onB) < 1e-12),
                "B recalibrates around A's multiplier, with the plan sent: x" + onB);
        assertNotEquals(timeless(done.get(0).score()).fitness(), timeless(done.get(2).score()).fitness(),
                "A2 trains with other seeds than A");
    }

    @Test
    void aWorkerScoresAgainstTheStartProgramsResultsTheCoordinatorSends(@TempDir Path dir) throws Exception {
        SearchConfig config = config("breast-cancer-mlp:S", Duration.ofMinutes(5));
        Program reference = config.start().inlineHyperparameters();
        Map<StageName, Evaluator> here = here(config, reference);
        Evaluator.References trained = here.get(StageName.A).references(StageName.A);
        // a start program whose loss were 20% lower: every candidate's normalized score must drop with it
        Evaluator.References lower = new Evaluator.References(trained.own().stream().map(r -> new TrainResult(
                r.task(), r.program(), r.steps(), 0.8 * r.valLoss(), r.valAccuracy(), r.fitness(), r.divergence(),
                r.seconds(), r.curve())).toList(), null);
        HostPort at = ChildWorker.freeLoopback();
        try (Dispatcher d = Dispatcher.start(config, ClusterSettings.of(at, 0, Secret.of(null)), line -> { });
                ChildWorker one = new ChildWorker(at, 1, null, dir, "one")) {
            awaitWorkers(d, 1);
            Candidate c = candidates(config, 1).get(0);
            JobList jobs = new JobList(List.of(new SearchEngine.Job(c)), here, job -> lower);
            d.run(reference, jobs);

            assertEquals(1, jobs.done.size(), jobs.problems.toString());
            Score there = jobs.done.get(0).score();
            Evaluator doctored = Evaluator.of(reference, StageName.A, config.stageA().stream().map(Tasks::resolve)
                    .toList(), config.hurdleFactor(), config.calibration());
            doctored.adopt(StageName.A, lower);
            Score expected = doctored.evaluate(StageName.A, c.analysis(), "candidate " + c.id(), 1.0, Long.MAX_VALUE);
            assertEquals(timeless(expected), timeless(there), "scored against the results sent, not its own");
            assertTrue(there.fitness() < jobs.run(jobs.done.get(0).job()).fitness(), "lower than against the truth");
        }
    }

    /**
     * Sends the jobs made for one candidate to two worker JVMs (the first two to one each), evaluates each
     * here too, and checks that every score is the same bit for bit wherever it ran; returns them in order.
     *
     * @param ship whether the start program's results go with each job (as from a search), or the workers
     *             train them
     */
    private static List<JobList.Done> scoredOnTwoWorkers(Path dir, SearchConfig config, Program reference,
            boolean ship, Function<Candidate, List<SearchEngine.Job>> jobsFor) throws Exception {
        HostPort at = ChildWorker.freeLoopback();
        try (Dispatcher d = Dispatcher.start(config, ClusterSettings.of(at, 0, Secret.of(TOKEN)), line -> { });
                ChildWorker one = new ChildWorker(at, 1, TOKEN, dir, "one");
                ChildWorker two = new ChildWorker(at, 1, TOKEN, dir, "two")) {
            awaitWorkers(d, 2);
            Candidate c = candidates(config, 1).get(0);
            List<SearchEngine.Job> list = jobsFor.apply(c);
            Map<StageName, Evaluator> here = here(config, reference);
            JobList jobs = new JobList(list, here, job -> ship ? here.get(Evaluator.tasksOf(job.name()))
                    .references(job.name()) : null);
            d.run(reference, jobs);

            assertEquals(list.size(), jobs.done.size(), jobs.problems.toString());
            List<JobList.Done> done = new ArrayList<>();
            for (SearchEngine.Job job : list) {
                done.add(jobs.done.stream().filter(x -> x.job() == job).findFirst().orElseThrow());
            }
            assertNotEquals(done.get(0).worker(), done.get(1).worker(), "one evaluation on each worker");
            for (JobList.Done x : done) {
                Score local = jobs.run(x.job());
                assertFalse(local.failed(), local.toString());
                assertEquals(timeless(local), timeless(x.score()), x.job().name() + ": bit for bit, wherever it ran");
            }
            return done;
        }
    }

    /** Evaluators in this JVM, as the engine makes them: stage A's (serving A2 too) and B's when it has tasks. */
    private static Map<StageName, Evaluator> here(SearchConfig config, Program reference) {
        Map<StageName, Evaluator> here = new EnumMap<>(StageName.class);
        here.put(StageName.A, Evaluator.of(reference, StageName.A, config.stageA().stream().map(Tasks::resolve)
                .toList(), config.hurdleFactor(), config.calibration()));
        if (!config.stageB().isEmpty()) {
            here.put(StageName.B, Evaluator.of(reference, StageName.B, config.stageB().stream().map(Tasks::resolve)
                    .toList(), config.hurdleFactor(), config.recalibration()));
        }
        return here;
    }

    @Test
    void aFrozenWorkersEvaluationIsSentElsewhereAndItsLateResultDropped(@TempDir Path dir) throws Exception {
        SearchConfig config = config("breast-cancer-mlp:S", Duration.ofSeconds(2));
        HostPort at = ChildWorker.freeLoopback();
        try (Dispatcher d = Dispatcher.start(config, ClusterSettings.of(at, 0, Secret.of(null)), line -> { });
                ChildWorker frozen = new ChildWorker(at, 1, null, dir, "frozen");
                ChildWorker live = new ChildWorker(at, 1, null, dir, "live")) {
            awaitWorkers(d, 2);
            frozen.signal("STOP"); // as a long GC pause or a stalled machine: connected, silent
            List<SearchEngine.Job> list = new ArrayList<>();
            for (Candidate c : candidates(config, 4)) {
                list.add(new SearchEngine.Job(c));
            }
            JobList jobs = new JobList(list, null);
            d.run(config.start().inlineHyperparameters(), jobs);

            assertEquals(4, jobs.done.size(), "every job handed in once: " + jobs.problems);
            assertEquals(4, jobs.done.stream().map(x -> x.job().candidate().id()).distinct().count());
            assertEquals(1, d.status().retried(), "the one evaluation sent to the frozen worker was sent again");
            assertTrue(jobs.problems.stream().anyMatch(p -> p.contains("gave no result") && p.contains("sent again")),
                    jobs.problems.toString());

            frozen.signal("CONT");
            assertTrue(frozen.awaitLog(log -> log.contains("evaluated ")), frozen.log());
            assertEquals(4, jobs.done.size(), "its late result is dropped: " + jobs.done);
        }
    }

    @Test
    void aWorkerStopsATrainingAtTheTimeLimitAndItsSlotTakesTheNextEvaluation(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("line.csv"), "x,label\n" + "-1,0\n1,1\n".repeat(16));
        Path task = dir.resolve("line.yaml");
        Files.writeString(task, """
                name: line
                model: {type: mlp, hidden: []}
                data: {format: csv, path: line.csv, label: label, kind: classification, validationFraction: 0.5}
                train: {steps: 50, batchSize: 4, warmupSteps: 0, evaluations: 1, seed: 2}
                """);
        SearchConfig config = config(task.toString(), Duration.ofMillis(1)); // over after the first step
        HostPort at = ChildWorker.freeLoopback();
        try (Dispatcher d = Dispatcher.start(config, ClusterSettings.of(at, 0, Secret.of(null)), line -> { });
                ChildWorker one = new ChildWorker(at, 1, null, dir, "one")) {
            awaitWorkers(d, 1);
            List<SearchEngine.Job> list = candidates(config, 3).stream().map(SearchEngine.Job::new).toList();
            JobList jobs = new JobList(list, null);
            d.run(config.start().inlineHyperparameters(), jobs);

            assertEquals(3, jobs.done.size(), jobs.problems.toString());
            for (JobList.Done done : jobs.done) {
                assertTrue(done.score().failed());
                assertTrue(done.score().stopped().contains("evaluation time limit reached at step 1"),
                        done.score().toString());
            }
            assertTrue(one.log().contains("evaluated 3:"), "one slot, free again after each: " + one.log());
        }
    }

    @Test
    void aWorkerWithTheWrongTokenGetsNoWork(@TempDir Path dir) throws Exception {
        SearchConfig config = config("breast-cancer-mlp:S", Duration.ofMinutes(5));
        HostPort at = ChildWorker.freeLoopback();
        try (Dispatcher d = Dispatcher.start(config, ClusterSettings.of(at, 1, Secret.of(TOKEN)), line -> { });
                ChildWorker intruder = new ChildWorker(at, 1, "another-token-entirely", dir, "intruder")) {
            assertTrue(intruder.awaitLog(log -> log.contains("another token")), intruder.log());
            Program reference = config.start().inlineHyperparameters();
            List<SearchEngine.Job> list = candidates(config, 3).stream().map(SearchEngine.Job::new).toList();
            JobList jobs = new JobList(list, here(config, reference));
            d.run(reference, jobs);

            assertEquals(0, d.status().workers());
            assertEquals(3, jobs.done.size());
            assertTrue(jobs.done.stream().allMatch(x -> x.worker() == 0), "all evaluated by the coordinator itself");
            assertFalse(intruder.log().contains("evaluating"), intruder.log());
        }
    }

    private static SearchConfig config(String task, Duration limit) throws Exception {
        Program start = Program.parse(Files.readString(ChildWorker.repoRoot().resolve("programs/adamw.opt")));
        return SearchConfig.builder().setStart(start, "adamw.opt").setStageA(List.of(task))
                .setBudget(new Budget(null, 10)).optStageB(List.of()).optStageC(List.of())
                .optEvaluationLimit(limit).build();
    }

    /** The first {@code n} children of a fixed mutation sequence from the start program. */
    private static List<Candidate> candidates(SearchConfig config, int n) {
        Mutator mutator = new Mutator(MutationConfig.defaults());
        SplittableRandom rnd = new SplittableRandom(7);
        List<Candidate> list = new ArrayList<>();
        Program p = config.start().inlineHyperparameters();
        for (int i = 1; i <= n; i++) {
            p = mutator.mutateConstants(p, rnd).child();
            Analysis a = Analysis.of(p);
            list.add(new Candidate(i, 0, p, a.hash(), 0, Change.of(Change.Kind.RANDOM, "test"), 0, a));
        }
        return list;
    }

    private static Path taskFile(Path dir) throws Exception {
        Files.copy(ChildWorker.repoRoot().resolve("data/breast_cancer.csv"), dir.resolve("cancer.csv"));
        Path spec = dir.resolve("shipped.yaml");
        Files.writeString(spec, """
                name: shipped
                model: {type: mlp, hidden: [16]}
                data: {format: csv, path: cancer.csv, label: target, kind: classification}
                train: {steps: 60, batchSize: 32, warmupSteps: 5}
                """);
        return spec;
    }

    private static void awaitWorkers(Dispatcher d, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (d.status().workers() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(n, d.status().workers(), "workers admitted");
    }

    /** The score with training times zeroed: the one thing that may differ between runs. */
    private static Score timeless(Score s) {
        return new Score(s.fitness(), s.results().stream().map(r -> new TrainResult(r.task(), r.program(), r.steps(),
                r.valLoss(), r.valAccuracy(), r.fitness(), r.divergence(), 0, r.curve())).toList(), s.stopped(),
                s.hurdle(), s.savedSteps(), s.multiplier());
    }
}
