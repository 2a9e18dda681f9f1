package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;
import org.optsearch.lang.Program;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.train.model.Batch;
import org.optsearch.train.model.Model;
import org.optsearch.train.run.Task;
import org.optsearch.train.task.Tasks;

class SearchEngineTest {
    /** Plain SGD with a small step: easy to improve on, so promotions happen. */
    private static final Program SLOW_SGD = Program.parse("""
            def train(w, g, m, lr):
              m = interp(g, m, 0.9)
              lr = lr * 0.01
              update = m * lr
              return update, m
            """);

    private static SearchConfig config(Mode mode, int evaluations, int workers, double hurdle, List<String> b) {
        return SearchConfig.builder().setStart(SLOW_SGD, "slow_sgd").setStageA(List.of("breast-cancer-mlp:S"))
                .setBudget(new Budget(null, evaluations)).optMode(mode).optPopulation(20, 2).optWorkers(workers)
                .optStageB(b).optPromoteFraction(0.2).optHurdleFactor(hurdle).optMutation(MutationConfig.defaults())
                .optSeed(7).optEvaluationLimit(Duration.ofMinutes(1)).build();
    }

    private static SearchResult run(SearchConfig c, Function<String, Task> tasks) {
        return new SearchEngine(c, tasks, new SearchListener() { }, System::nanoTime).run();
    }

    @Test
    void sameSeedOneWorkerAndAnEvaluationBudgetReproduceTheRun() {
        SearchResult a = run(config(Mode.EVOLVE, 25, 1, 2.0, List.of()), Tasks::resolve);
        SearchResult b = run(config(Mode.EVOLVE, 25, 1, 2.0, List.of()), Tasks::resolve);
        assertEquals(a.status().generated(), b.status().generated());
        assertEquals(a.status().hashHits(), b.status().hashHits());
        assertEquals(a.status().bestA(), b.status().bestA());
        assertEquals(a.top().stream().map(e -> e.candidate().hash() + e.fitnessA()).toList(),
                b.top().stream().map(e -> e.candidate().hash() + e.fitnessA()).toList());
    }

    @Test
    void aResumedSearchContinuesFromTheRecordedState() {
        SearchConfig c = config(Mode.EVOLVE, 15, 1, 2.0, List.of());
        SearchEngine first = new SearchEngine(c, Tasks::resolve, new SearchListener() { }, System::nanoTime);
        SearchResult before = first.run();
        SearchState state = first.state();
        assertEquals(20, state.population().size());
        SearchEngine second = new SearchEngine(c, Tasks::resolve, new SearchListener() { }, System::nanoTime, state);
        SearchResult after = second.run();
        assertEquals(30, after.status().evaluated(), "15 before, 15 more");
        assertEquals(15, after.status().evaluatedBefore());
        assertEquals(15 / after.status().seconds(), after.status().evaluationsPerSecond(), 1e-9,
                "the rate counts this session's trainings over this session's time");
        assertTrue(after.status().generated() > before.status().generated());
        assertTrue(after.status().bestA() >= before.status().bestA());
        long maxBefore = before.top().stream().mapToLong(e -> e.candidate().id()).max().orElse(0);
        assertTrue(after.top().stream().anyMatch(e -> e.candidate().id() > maxBefore)
                || after.status().bestA() == before.status().bestA(), "ids continue after the recorded ones");
    }

    @Test
    void theBudgetCountsTrainingsAndCacheHitsAreFree() {
        SearchStatus s = run(config(Mode.EVOLVE, 20, 2, 2.0, List.of()), Tasks::resolve).status();
        assertEquals(20, s.evaluated());
        assertTrue(s.hashHits() > 0, "a population of copies yields hash hits: " + s);
        assertEquals(s.generated(), s.evaluated() + s.hashHits() + s.fingerprintHits());
        assertTrue(s.redundancy() > 0, "redundant statements are kept as stepping stones");
    }

    @Test
    void aStrictHurdleStopsTrainingsAndCountsTheSavedSteps() {
        SearchStatus s = run(config(Mode.EVOLVE, 20, 1, 1.0001, List.of()), Tasks::resolve).status();
        assertTrue(s.hurdleStops() > 0, s.toString());
        assertTrue(s.savedSteps() > 0, s.toString());
    }

    @Test
    void candidatesThatBeatTheStartGoOnToStageB() {
        SearchResult r = run(config(Mode.EVOLVE, 30, 1, 0, List.of("breast-cancer-mlp:M")), Tasks::resolve);
        assertTrue(r.status().bestA() > 1.0, "slow SGD is easy to beat: " + r.status());
        assertTrue(r.status().evaluatedB() > 1, "the start program and at least one better candidate: " + r.status());
        assertTrue(r.metaValidation().size() >= 2);
    }

    @Test
    void aRandomWarmStartFillsThePopulationWithRandomProgramsFirst() {
        SearchConfig c = config(Mode.EVOLVE, 25, 1, 2.0, List.of());
        SearchConfig random = c.toBuilder().optRandomStart(true).build();
        SearchStatus s = run(random, Tasks::resolve).status();
        assertEquals(25, s.evaluated());
        assertTrue(s.failures() > 0, "random programs mostly fail to train: " + s);
    }

    @Test
    void theBaselineModesRunUnderTheSameBudget() {
        for (Mode mode : new Mode[] {Mode.CONSTANTS, Mode.RANDOM}) {
            SearchStatus s = run(config(mode, 10, 1, 2.0, List.of()), Tasks::resolve).status();
            assertEquals(10, s.evaluated(), mode.toString());
        }
    }

    @Test
    void anEvaluationThatThrowsIsScoredFailedAndTheSearchGoesOn() {
        AtomicInteger models = new AtomicInteger();
        Function<String, Task> flaky = name -> {
            Task t = Tasks.resolve(name);
            return new Task(t.name(), t.objective(), () -> {
                if (models.incrementAndGet() > 1 && models.get() % 3 == 0) {
                    throw new IllegalStateException("simulated worker failure");
                }
                return t.model().get();
            }, t.train(), t.validation(), t.config());
        };
        SearchStatus s = run(config(Mode.EVOLVE, 12, 2, 2.0, List.of()), flaky).status();
        assertEquals(12, s.evaluated());
        assertTrue(s.failures() >= 3, s.toString());
    }

    @Test
    void aWorkerThatHangsIsAbandonedAndTheSearchGoesOn() {
        AtomicInteger models = new AtomicInteger();
        Function<String, Task> hanging = name -> {
            Task t = Tasks.resolve(name);
            return new Task(t.name(), t.objective(), () -> {
                Model model = t.model().get();
                return models.incrementAndGet() == 4 ? new Hung(model) : model;
            }, t.train(), t.validation(), t.config());
        };
        SearchConfig c = config(Mode.EVOLVE, 8, 2, 2.0, List.of());
        SearchConfig limited = c.toBuilder().optEvaluationLimit(Duration.ofMillis(500)).build();
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        SearchStatus s = new SearchEngine(limited, hanging, new SearchListener() {
            @Override
            public void problem(Candidate candidate, String what) {
                problems.add(what);
            }
        }, System::nanoTime).run().status();
        assertEquals(8, s.evaluated(), "the hung evaluation counts, failed, and the budget is still spent");
        assertTrue(s.failures() >= 1, s.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("hung") && p.contains("abandoned")), problems.toString());
    }

    /** A model whose first training step never returns, even when interrupted. */
    private record Hung(Model inner) implements Model {
        @Override
        public ParamLayout layout() {
            return inner.layout();
        }

        @Override
        public void initialize(float[] w, java.util.SplittableRandom rnd) {
            inner.initialize(w, rnd);
        }

        @Override
        public double lossAndGradient(float[] w, Batch batch, float[] grad) {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    // a hung worker does not listen
                }
            }
        }

        @Override
        public Evaluation evaluate(float[] w, Batch batch) {
            return inner.evaluate(w, batch);
        }
    }

    /**
     * Calibration on stage A: SGD whose step is 100x too small is scaled up before it becomes the reference
     * (the start candidate is the scaled program), and every new program is calibrated too: its score says
     * at which multiplier it was trained.
     */
    @Test
    void calibrationScalesTheStartProgramAndEveryCandidate() {
        Program tiny = Program.parse("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  lr = lr * 0.0001
                  update = m * lr
                  return update, m
                """);
        List<String> notes = new java.util.ArrayList<>();
        List<Double> multipliers = new java.util.ArrayList<>();
        SearchConfig c = config(Mode.EVOLVE, 6, 1, 0, List.of()).toBuilder().setStart(tiny, "tiny_sgd")
                .optCalibration(org.optsearch.search.calibrate.Calibration.Plan.halfDecades(5, 3)).build();
        SearchEngine engine = new SearchEngine(c, Tasks::resolve, new SearchListener() {
            @Override
            public void note(String what) {
                notes.add(what);
            }

            @Override
            public void evaluated(Candidate candidate, StageName stage, Score score, int worker, double seconds) {
                multipliers.add(score.multiplier());
            }
        }, System::nanoTime);
        engine.run();
        SearchState state = engine.state();
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("calibration on stage A scales the start program's step "
                + "size by 10")), notes.toString());
        assertTrue(state.origin().program().print().contains("* 10.0") || state.origin().program().print()
                .contains("* 100.0"), "the start candidate is the scaled program: " + state.origin().program().print());
        assertEquals(6, multipliers.size());
        assertTrue(multipliers.stream().allMatch(k -> k > 0), multipliers.toString());
    }

    /**
     * Noise-aware promotion: a candidate that beats the start program on A is trained again there with the
     * next seed (stage A2) and goes on to B only when that result beats the start program too.
     */
    @Test
    void aPromotionWaitsForTheSecondSeed() {
        List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        SearchConfig c = config(Mode.EVOLVE, 20, 1, 0, List.of("breast-cancer-mlp:S")).toBuilder().optConfirm(true)
                .build();
        new SearchEngine(c, Tasks::resolve, new SearchListener() {
            @Override
            public void evaluated(Candidate candidate, StageName stage, Score score, int worker, double seconds) {
                events.add(candidate.id() + " " + stage + " " + score.fitness());
            }
        }, System::nanoTime).run();
        long confirmed = 0;
        for (String e : events) {
            String[] f = e.split(" ");
            if (f[1].equals("B") && !f[0].equals("0")) {
                String a2 = events.stream().filter(x -> x.startsWith(f[0] + " A2 ")).findFirst().orElse(null);
                assertTrue(a2 != null && Double.parseDouble(a2.split(" ")[2]) > 1.0,
                        "candidate " + f[0] + " reached B only after beating the start program on A2: " + events);
                assertTrue(events.indexOf(a2) < events.indexOf(e), "A2 before B: " + events);
                confirmed++;
            }
        }
        assertTrue(confirmed > 0, "some candidate was confirmed and promoted: " + events);
        assertTrue(events.stream().anyMatch(e -> e.contains(" A2 ")), events.toString());
    }

    /**
     * With recalibration on, a candidate goes to stage C at the step-size multiplier B scored it at (its
     * recalibrated one), not A's: C recalibrates around it.
     */
    @Test
    void stageCTrainsACandidateAtTheMultiplierBChose() {
        Map<Long, Double> atB = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> cJobs = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        SearchConfig c = config(Mode.EVOLVE, 30, 1, 0, List.of("breast-cancer-mlp:M")).toBuilder()
                .optStageC(List.of("diabetes-mlp:M"))
                .optRecalibration(org.optsearch.search.calibrate.Calibration.Plan.halfDecades(3, 2)).build();
        SearchEngine engine = new SearchEngine(c, Tasks::resolve, new SearchListener() {
            @Override
            public void evaluated(Candidate candidate, StageName stage, Score score, int worker, double seconds) {
                if (stage == StageName.B && !score.failed()) {
                    atB.put(candidate.id(), score.multiplier());
                }
            }
        }, System::nanoTime);
        EvaluationPool threads = EvaluationPool.threads(1, System::nanoTime, c);
        engine.evaluateOn(new EvaluationPool() {
            @Override
            public void run(Program start, WorkLoop<SearchEngine.Job> loop) {
                threads.run(start, new WorkLoop<>() {
                    @Override
                    public SearchEngine.Job next() {
                        SearchEngine.Job job = loop.next();
                        if (job != null && job.name() == StageName.C) {
                            cJobs.add(job.candidate().id() + " " + job.multiplier() + " "
                                    + atB.get(job.candidate().id()));
                        }
                        return job;
                    }

                    @Override
                    public Score run(SearchEngine.Job job) {
                        return loop.run(job);
                    }

                    @Override
                    public void done(SearchEngine.Job job, Score score, int worker, double seconds) {
                        loop.done(job, score, worker, seconds);
                    }

                    @Override
                    public void abandoned(SearchEngine.Job job, int worker, double seconds) {
                        loop.abandoned(job, worker, seconds);
                    }

                    @Override
                    public void problem(SearchEngine.Job job, String what) {
                        loop.problem(job, what);
                    }

                    @Override
                    public void stop() {
                        loop.stop();
                    }
                });
            }

            @Override
            public PoolStatus status() {
                return threads.status();
            }
        });
        engine.run();
        assertTrue(!cJobs.isEmpty(), "some candidate beat the start program on B and went on to C");
        for (String job : cJobs) {
            String[] f = job.split(" ");
            assertEquals(Double.parseDouble(f[2]), Double.parseDouble(f[1]), "candidate " + f[0] + " on C at B's "
                    + "multiplier");
        }
        assertTrue(cJobs.stream().anyMatch(j -> Double.parseDouble(j.split(" ")[1]) != 1.0),
                "B moved some candidate's step away from A's, so the test tells the two apart: " + cJobs);
    }
}
