package org.optsearch.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.lang.StepScale;
import org.optsearch.search.simplify.Simplifier;
import org.optsearch.train.run.TrainResult;

/** The end of a search: its best programs, simplified, scored on every stage next to reference programs. */
final class Finale {
    /**
     * Largest loss of normalized stage-A fitness, on any task, that the greedy step of simplification may
     * cause (1 = the start program's gain over chance): the {@code simplify} command's default.
     */
    static final double TOLERANCE = 0.01;

    /**
     * How many candidates, per finalist asked for, the finale simplifies and scores at most. Many of a
     * collapsed population's best programs simplify to one program, and each costs trainings on every stage
     * before it is known to be a repeat (on the standard preset, 5-15 minutes each): the finale shows fewer
     * finalists rather than walk the whole list.
     */
    static final int CANDIDATES_PER_FINALIST = 2;

    private final Program start;
    private final String startName;
    private final Stage stageA;
    private final Stage stageB;
    private final Stage stageC;
    private final Calibration.Plan calibration;

    Finale(Program start, String startName, Stage stageA, Stage stageB, Stage stageC, Calibration.Plan calibration) {
        this.start = start;
        this.calibration = calibration;
        this.startName = startName;
        this.stageA = stageA;
        this.stageB = stageB;
        this.stageC = stageC;
    }

    /**
     * After {@link #run()}: the best {@code k} distinct programs found (other than the start program, and
     * distinct after simplification: one that simplifies to a program already shown, or is shown, at the step
     * its later stages chose, as one already is, is left out), taken in the funnel's order
     * ({@link SearchResult.Entry#FUNNEL_ORDER}: first those that beat the start program on C, then on B, then
     * the best on A not yet tried further), at most {@link #CANDIDATES_PER_FINALIST} times {@code k} of them
     * looked at (fewer than {@code k} are shown when too many were repeats), simplified: first by exact
     * rewrites (dead code, algebraic rules: the function is unchanged), then by greedy removal of statements that cost at most
     * {@link #TOLERANCE} of normalized fitness on any stage-A task. A program the greedy step changed is
     * scored again on every stage; otherwise its B and C scores are reused (with the reason, when it failed
     * there during the search), or made where missing. Then the given reference programs (e.g. Lion),
     * scored on every stage. The start program scores 1 everywhere by definition. The programs are worked on
     * by {@code threads} threads at once; the result does not depend on their number.
     *
     * <p>Nothing here throws for one program or one stage: a stage the start program gives no reference on
     * ({@link Stage#unusable()}) is not scored (NaN; the start program's entry is marked failed there and
     * says why), and C is then reached without passing B; a training or simplification that throws marks
     * that stage failed, or keeps the program unsimplified, with a note.
     */
    List<Finalist> of(SearchResult result, int k, Map<String, Program> references, int threads) {
        return of(result, k, references, threads, line -> { });
    }

    /**
     * As {@link #of(SearchResult, int, Map, int)}, telling {@code progress} (from any of the threads) of each
     * program as it is done, with its scores and the time since the finale began: on the standard preset the
     * finale takes many minutes.
     */
    List<Finalist> of(SearchResult result, int k, Map<String, Program> references, int threads,
            Consumer<String> progress) {
        Progress done = new Progress(progress, System.nanoTime());
        List<SearchResult.Entry> order = result.top().stream()
                .filter(e -> e.candidate().id() != 0 && e.fitnessA() != TrainResult.FAILED)
                .sorted(SearchResult.Entry.FUNNEL_ORDER).toList();
        // A fork-join pool: a program's trainings (calibration rungs, tasks) are made on the same threads, so that
        // once only one program is left its trainings use the threads the others have finished with.
        AtomicInteger named = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads), p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("finale-" + named.getAndIncrement());
            return t;
        }, null, false);
        try {
            Map<String, Future<Finalist>> refs = new LinkedHashMap<>();
            Work work = new Work(pool, new ConcurrentHashMap<>());
            references.forEach((name, program) -> refs.put(name, pool.submit(() -> done.of(reference(name, program, pool)))));
            List<Finalist> out = new ArrayList<>();
            // simplified programs' hashes, before and after rescaling: whose they are
            Map<String, String> seen = new java.util.HashMap<>();
            Finalist startProgram = startProgram();
            seen.put(Analysis.of(start).hash(), "the start program");
            seen.put(Analysis.of(startProgram.program()).hash(), "the start program");
            seen.put(numeric(startProgram.program()), "the start program");
            int next = 0;
            int most = Math.min(order.size(), CANDIDATES_PER_FINALIST * k);
            while (out.size() < k && next < most) {
                List<SearchResult.Entry> wave = order.subList(next, Math.min(most, next + k - out.size()));
                next += wave.size();
                List<Future<Simplified>> jobs = new ArrayList<>();
                for (SearchResult.Entry e : wave) {
                    jobs.add(pool.submit(() -> {
                        Simplified f = candidate(e, work);
                        done.of(f.finalist());
                        return f;
                    }));
                }
                for (int i = 0; i < wave.size(); i++) {
                    SearchResult.Entry e = wave.get(i);
                    Simplified f = join(jobs.get(i), why -> new Simplified(failed("candidate " + e.candidate().id(),
                            e.program(), why), null));
                    if (out.size() >= k) {
                        continue;
                    }
                    List<String> keys = f.keys();
                    int match = 0;
                    while (match < keys.size() && !seen.containsKey(keys.get(match))) {
                        match++;
                    }
                    if (match == keys.size()) {
                        keys.forEach(key -> seen.put(key, f.finalist().name()));
                        out.add(f.finalist());
                    } else { // one that simplified to a program already shown is shown once
                        String same = seen.get(keys.get(match));
                        progress.accept("finale: " + f.finalist().name() + " is left out: "
                                + (match == 0 ? "simplified" : "at the step the later stages chose") + ", it "
                                + (match == 2 ? "computes the same updates as " : "is ")
                                + (same.equals("the start program") ? same
                                        : (match == 2 ? "" : "the same program as ") + same));
                    }
                }
            }
            if (out.size() < k && next < order.size()) {
                progress.accept(String.format(Locale.ROOT, "finale: %d candidates looked at, %d distinct (at most %d "
                        + "per finalist asked for); the other %d are not", next, out.size(), CANDIDATES_PER_FINALIST,
                        order.size() - next));
            }
            out.add(startProgram);
            refs.forEach((name, job) -> out.add(join(job, why -> failed(name, references.get(name), why))));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Tells of each program done: its name, its fitness on each stage, how many are done, the time taken. */
    private record Progress(Consumer<String> to, long startNanos, AtomicInteger count) {
        Progress(Consumer<String> to, long startNanos) {
            this(to, startNanos, new AtomicInteger());
        }

        Finalist of(Finalist f) {
            long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
            to.accept(String.format(Locale.ROOT, "finale: %s done: A %s, B %s, C %s (%d done, %dm%02ds)", f.name(),
                    shown(f.fitnessA()), shown(f.fitnessB()), shown(f.fitnessC()), count.incrementAndGet(),
                    seconds / 60, seconds % 60));
            return f;
        }

        private static String shown(double fitness) {
            return fitness == TrainResult.FAILED ? "failed" : Double.isNaN(fitness) ? "-"
                    : String.format(Locale.ROOT, "%.4f", fitness);
        }
    }

    /**
     * A candidate as the finale shows it, and the dataflow hash of its simplified program before any
     * rescaling; null when its job failed.
     */
    private record Simplified(Finalist finalist, String hash) {
        /**
         * What makes two finalists the same program: the same simplified program, or the same program as
         * shown, at the step the later stages trained it at (two candidates that differ only in a scale constant
         * that recalibration undid were trained there as one program, and score alike), or, as shown, the same
         * updates by the search's numeric fingerprint ({@code lr * 0.001} then {@code * 316.23} against one
         * {@code * 0.31623}); none when its job failed.
         */
        List<String> keys() {
            return hash == null ? List.of()
                    : List.of(hash, Analysis.of(finalist.program()).hash(), numeric(finalist.program()));
        }
    }

    /** The key of a program's numeric fingerprint (apart from dataflow hashes, which are hex strings). */
    private static String numeric(Program program) {
        return "fingerprint " + Fingerprint.of(program);
    }

    /** What a job made; when it threw unexpectedly, {@code otherwise} of why. */
    private static <T> T join(Future<T> job, java.util.function.Function<String, T> otherwise) {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the finale scored its programs", e);
        } catch (ExecutionException e) {
            return otherwise.apply(Stage.describe(e.getCause()));
        }
    }

    /** A program whose job threw: failed on every stage, with the reason. */
    private static Finalist failed(String name, Program program, String why) {
        return new Finalist(name, program, TrainResult.FAILED, TrainResult.FAILED, TrainResult.FAILED, List.of(),
                List.of(), List.of("not scored: " + why));
    }

    private Simplified candidate(SearchResult.Entry e, Work work) {
        List<String> notes = new ArrayList<>();
        Program exact = e.program();
        Program simple = exact;
        try {
            exact = Simplifier.rewrite(Simplifier.removeDead(exact).program()).program();
            stageA.reference(start);
            simple = Simplifier.greedy(exact, stageA.perTask("simplify"), TOLERANCE).program();
        } catch (RuntimeException | Error ex) {
            simple = exact;
            notes.add("not simplified: " + Stage.describe(ex));
        }
        boolean changed = !Analysis.of(simple).hash().equals(Analysis.of(exact).hash());
        String name = "candidate " + e.candidate().id() + (changed ? String.format(Locale.ROOT,
                " (greedy: %d -> %d statements)", exact.statements().size(), simple.statements().size()) : "");
        if (changed && !holdsOnLaterStages(exact, simple, e, notes, work)) {
            simple = exact;
            changed = false;
            name = "candidate " + e.candidate().id();
        }
        double fa = changed ? fitness(score(stageA, simple, notes, work.pool())) : e.fitnessA();
        Score b = changed || Double.isNaN(e.fitnessB()) ? scoreOnce(stageB, simple, notes, work) : null;
        double fb = b != null ? fitness(b) : e.fitnessB();
        double scaleB = b != null ? laterScale(b) : changed ? Double.NaN : laterScale(e.multiplierB(), e.multiplier());
        boolean throughB = stageB == null || !stageB.usable() || fb > 1.0;
        Score c = (changed || Double.isNaN(e.fitnessC())) && throughB ? onC(simple, scaleB, notes, work) : null;
        double fc = c != null ? fitness(c) : changed ? Double.NaN : e.fitnessC();
        if (!changed) {
            notes.addAll(e.failures()); // its scores from the search are reused: so are the reasons
        }
        double scaleC = c != null ? laterScale(c) * centre(scaleB)
                : changed ? Double.NaN : laterScale(e.multiplierC(), e.multiplier());
        return new Simplified(new Finalist(name, rescaled(simple, scaleB, scaleC, notes), fa, fb, fc, results(b),
                results(c), notes), Analysis.of(simple).hash());
    }

    /**
     * The program's score on C, trained around the step size B chose for it ({@code scaleB}, relative to A's;
     * NaN: B did not choose one, A's is the centre), as the search trains it there; null without a stage C.
     */
    private Score onC(Program program, double scaleB, List<String> notes, Work work) {
        return scoreOnce(stageC, centredForC(program, scaleB), notes, work);
    }

    /** The program at the step C is centred on: B's choice ({@code scaleB}, relative to A's) when it made one. */
    private static Program centredForC(Program program, double scaleB) {
        return StepScale.fold(program, centre(scaleB));
    }

    /** The multiplier C is centred on, relative to A's: B's choice ({@code scaleB}) when it made one. */
    private static double centre(double scaleB) {
        return Double.isNaN(scaleB) ? 1.0 : scaleB;
    }

    /**
     * What a stage trained the program at, relative to the program given: NaN when the stage failed (it chose
     * nothing then).
     */
    private static double laterScale(Score s) {
        return s.failed() ? Double.NaN : s.multiplier();
    }

    /** A later stage's multiplier from the search ({@code stage}; NaN: none), relative to A's ({@code a}). */
    private static double laterScale(double stage, double a) {
        return stage / a;
    }

    /**
     * The program at the step size of the highest stage that trained it to a score (C over B), relative to
     * stage A's (NaN: the stage did not), so that the program shown is the one that earned its score there; a
     * note says what each stage chose when either moved it. As given when the stages kept stage A's step size.
     */
    static Program rescaled(Program program, double scaleB, double scaleC, List<String> notes) {
        double scale = !Double.isNaN(scaleC) ? scaleC : !Double.isNaN(scaleB) ? scaleB : 1.0;
        if (moved(scaleB) || moved(scaleC)) {
            notes.add(String.format(Locale.ROOT, "step size recalibrated on the later stages: %s on B, %s on C, of "
                    + "stage A's; the program shown is at x%.3g (its stage-A fitness is at x1)", shown(scaleB),
                    shown(scaleC), scale));
        }
        return scale == 1.0 ? program : StepScale.fold(program, scale);
    }

    private static boolean moved(double scale) {
        return !Double.isNaN(scale) && scale != 1.0;
    }

    private static String shown(double scale) {
        return Double.isNaN(scale) ? "none" : String.format(Locale.ROOT, "x%.3g", scale);
    }

    /**
     * Whether the greedily simplified program stays within {@link #TOLERANCE} of the exact one on stages B
     * and C too (greedy removal looks at A only, the proxy the search climbed); when it does not, the note
     * says where it lost, and the exact program is kept.
     */
    private boolean holdsOnLaterStages(Program exact, Program simple, SearchResult.Entry e, List<String> notes,
            Work work) {
        List<String> ignored = new ArrayList<>();
        double exactB = laterScale(e.multiplierB(), e.multiplier());
        double simpleB = Double.NaN;
        if (usable(stageB)) {
            Score before = Double.isNaN(e.fitnessB()) ? scoreOnce(stageB, exact, ignored, work) : null;
            exactB = before != null ? laterScale(before) : exactB;
            Score after = scoreOnce(stageB, simple, ignored, work);
            simpleB = laterScale(after);
            if (lost(StageName.B, before != null ? fitness(before) : e.fitnessB(), fitness(after), notes)) {
                return false;
            }
        }
        if (usable(stageC)) {
            double before = Double.isNaN(e.fitnessC()) ? fitness(onC(exact, exactB, ignored, work)) : e.fitnessC();
            return !lost(StageName.C, before, fitness(onC(simple, simpleB, ignored, work)), notes);
        }
        return true;
    }

    private boolean usable(Stage stage) {
        return stage != null && stage.skipWarning(start) == null;
    }

    /** Whether the simplified program lost more than the tolerance on a stage; the note says so when it did. */
    private static boolean lost(StageName stage, double before, double after, List<String> notes) {
        if (before != TrainResult.FAILED && !(after >= before - TOLERANCE)) {
            notes.add(String.format(Locale.ROOT, "greedy simplification undone: on stage %s it scored %.4f against "
                    + "the exact program's %.4f", stage, after, before));
            return true;
        }
        return false;
    }

    /** The start program: 1 on every stage it is the reference of, failed where it gives none. */
    private Finalist startProgram() {
        List<String> notes = new ArrayList<>();
        double fb = startFitness(stageB, notes);
        double fc = startFitness(stageC, notes);
        Program shown = rescaled(start, stageB == null ? 1.0 : stageB.startMultiplier(),
                stageC == null ? 1.0 : stageC.startMultiplier(), notes);
        return new Finalist(startName + FunnelSelection.START_SUFFIX, shown, 1.0, fb, fc,
                stageB == null ? List.of() : stageB.train(start), stageC == null ? List.of() : stageC.train(start),
                notes);
    }

    private double startFitness(Stage stage, List<String> notes) {
        if (stage == null) {
            return Double.NaN;
        }
        String skipped = stage.skipWarning(start);
        if (skipped == null) {
            return 1.0;
        }
        notes.add(skipped);
        return TrainResult.FAILED;
    }

    private Finalist reference(String name, Program program, ForkJoinPool pool) {
        List<String> notes = new ArrayList<>();
        Program p = program;
        try {
            p = program.inlineHyperparameters();
        } catch (RuntimeException e) {
            notes.add("cannot inline its hyperparameters: " + Stage.describe(e));
            return new Finalist(name, program, TrainResult.FAILED, TrainResult.FAILED, TrainResult.FAILED, List.of(),
                    List.of(), notes);
        }
        if (calibration.multipliers().size() > 1 && stageA.skipWarning(start) == null) {
            try {
                Stage.Calibrated cal = stageA.calibrate(p, calibration, "reference " + name, Long.MAX_VALUE, true,
                        true, pool);
                if (cal.multiplier() != 1.0) {
                    notes.add(String.format(Locale.ROOT, "step size x%.3g by calibration on stage A, as every "
                            + "candidate's", cal.multiplier()));
                }
                p = cal.program();
            } catch (RuntimeException | Error e) {
                notes.add("not calibrated: " + Stage.describe(e));
            }
        }
        Score a = score(stageA, p, notes, pool);
        Score b = score(stageB, p, notes, pool);
        double scaleB = b == null ? Double.NaN : laterScale(b);
        Score c = score(stageC, centredForC(p, scaleB), notes, pool);
        Program shown = rescaled(p, scaleB, c == null ? Double.NaN : laterScale(c) * centre(scaleB), notes);
        return new Finalist(name, shown, fitness(a), fitness(b), fitness(c), results(b), results(c), notes);
    }

    /**
     * The score on a stage; null when the stage is not configured or the start program gives no reference
     * there. A failure adds a note; an exception scores failed.
     */
    private Score score(Stage stage, Program program, List<String> notes, ForkJoinPool pool) {
        if (!usable(stage)) {
            return null;
        }
        Score s;
        try {
            s = stage.score(program, "finalist", false, Long.MAX_VALUE, pool);
        } catch (RuntimeException | Error e) {
            s = Score.failure("error: " + Stage.describe(e));
        }
        if (s.failed()) {
            notes.add("stage " + stage.name + " failed: " + s.stopped());
        }
        return s;
    }

    /**
     * Where the finale's programs are worked on: its threads, and the scores made so far by stage and dataflow
     * hash, shared by all of its programs (trainings are deterministic: on the standard preset a recalibrated C
     * score is minutes of every core, and candidates often simplify to the same program).
     */
    private record Work(ForkJoinPool pool, ConcurrentHashMap<String, CompletableFuture<Score>> made) {
    }

    /**
     * As {@link #score}, reusing the score of the same stage and program when the finale has made it, or
     * waiting for it while another of its threads makes it; a reused failure's note is added to {@code notes}.
     */
    private Score scoreOnce(Stage stage, Program program, List<String> notes, Work work) {
        if (stage == null) {
            return null;
        }
        String key = stage.name + " " + Analysis.of(program).hash();
        CompletableFuture<Score> mine = new CompletableFuture<>();
        CompletableFuture<Score> earlier = work.made().putIfAbsent(key, mine);
        if (earlier == null) {
            try {
                Score s = score(stage, program, notes, work.pool());
                mine.complete(s);
                return s;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
        }
        Score s = earlier.join();
        if (s != null && s.failed()) {
            notes.add("stage " + stage.name + " failed: " + s.stopped());
        }
        return s;
    }

    private static double fitness(Score s) {
        return s == null ? Double.NaN : s.fitness();
    }

    private static List<TrainResult> results(Score s) {
        return s == null ? List.of() : s.results();
    }
}
