package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.train.task.Tasks;

/**
 * A fresh run with one seed, one worker and an evaluation budget is a fixed sequence of events. This one,
 * recorded from the engine before its state moved into {@link SearchState}, must not change when the engine
 * is refactored: the same programs, with the same hashes and fingerprints, the same fitnesses, promotions,
 * population changes and plateau restarts. (A deliberate change of the search regenerates the file with
 * {@code -Dgolden.write=true}.)
 */
class GoldenRunTest {
    private static final Program SLOW_SGD = Program.parse("""
            def train(w, g, m, lr):
              m = interp(g, m, 0.9)
              lr = lr * 0.01
              update = m * lr
              return update, m
            """);

    /**
     * Functions whose vector forms use the Vector API's transcendental operators, which give different last
     * bits before and after the JIT compiles the caller (VectorOps, "Determinism"): a run that draws them
     * depends on which tests ran before it in the JVM, so the recorded runs leave them out.
     */
    private static final java.util.Set<String> NOT_BIT_REPRODUCIBLE = java.util.Set.of("cos", "sin", "tan", "arcsin",
            "arccos", "arctan", "sinh", "cosh", "arcsinh", "arccosh", "arctanh", "exp2", "exp10", "expm1", "log",
            "log10", "log2", "log1p", "cbrt", "power");

    /**
     * The mutation the runs were recorded with: the paper's functions and clip (the default before the recent
     * four) that give the same bits interpreted or compiled; children keep following the learning rate.
     */
    private static final MutationConfig PAPER_FUNCTIONS = new MutationConfig(MutationConfig.weights(1, 1, 1),
            org.optsearch.lang.Op.searchable().stream().filter(op -> !NOT_BIT_REPRODUCIBLE.contains(op.spelling()))
                    .toList(), MutationConfig.DEFAULT_MAX_LENGTH, MutationConfig.DEFAULT_MAX_ATTEMPTS, true);

    @Test
    void aSeededOneWorkerRunGeneratesTheRecordedProgramsAndFitnesses() throws IOException {
        check("evolve.txt", events(Mode.EVOLVE, 40));
    }

    @Test
    void aSeededConstantsRunGeneratesTheRecordedProgramsAndFitnesses() throws IOException {
        check("constants.txt", events(Mode.CONSTANTS, 12));
    }

    static SearchConfig config(Mode mode, int evaluations) {
        return SearchConfig.builder().setStart(SLOW_SGD, "slow_sgd").setStageA(List.of("breast-cancer-mlp:S"))
                .optMode(mode).optPopulation(8, 2).setBudget(new Budget(null, evaluations)).optWorkers(1)
                .optStageB(List.of("breast-cancer-mlp:S")).optStageC(List.of("breast-cancer-mlp:S"))
                .optPromoteFraction(0.25).optHurdleFactor(1.5).optPlateau(6).optMutation(PAPER_FUNCTIONS)
                .optSeed(11).optEvaluationLimit(Duration.ofMinutes(1)).build();
    }

    /** Every event of the run as a line of text (no times). */
    static List<String> events(Mode mode, int evaluations) {
        List<String> out = new ArrayList<>();
        SearchListener recorder = new SearchListener() {
            @Override
            public synchronized void generated(Candidate c, Source source) {
                out.add("generated " + c.id() + " parent " + c.parent() + " " + c.hash() + " " + c.fingerprint() + " "
                        + source + " redundant " + c.redundant() + " : " + c.mutation());
            }

            @Override
            public synchronized void evaluated(Candidate c, StageName stage, Score score, int worker, double seconds) {
                out.add("evaluated " + c.id() + " on " + stage + " " + number(score.fitness()) + " stopped "
                        + score.stopped() + " saved " + score.savedSteps());
            }

            @Override
            public synchronized void populationChanged(Candidate added, double fitness, Candidate removed) {
                out.add("joined " + added.id() + " " + number(fitness) + " removed "
                        + (removed == null ? "-" : removed.id()));
            }

            @Override
            public synchronized void restarted(Candidate best, long generated) {
                out.add("restarted from " + best.id() + " at " + generated);
            }

            @Override
            public synchronized void problem(Candidate candidate, String what) {
                out.add("problem " + (candidate == null ? "-" : candidate.id()) + " " + what);
            }
        };
        SearchResult r = new SearchEngine(config(mode, evaluations), Tasks::resolve, recorder, System::nanoTime).run();
        SearchStatus s = r.status();
        out.add(String.format(Locale.ROOT, "status generated %d evaluated %d hash %d fingerprint %d invalid %d "
                + "redundancy %s hurdles %d saved %d failures %d B %d C %d restarts %d best %s %s %s median %s",
                s.generated(), s.evaluated(), s.hashHits(), s.fingerprintHits(), s.invalid(), number(s.redundancy()),
                s.hurdleStops(), s.savedSteps(), s.failures(), s.evaluatedB(), s.evaluatedC(), s.restarts(),
                number(s.bestA()), number(s.bestB()), number(s.bestC()), number(s.medianA())));
        r.top().forEach(e -> out.add("top " + e.candidate().id() + " " + number(e.fitnessA()) + " "
                + number(e.fitnessB()) + " " + number(e.fitnessC())));
        r.metaValidation().forEach(p -> out.add("meta " + p.evaluated() + " " + p.candidate() + " "
                + number(p.fitnessA()) + " " + number(p.fitnessB())));
        return out;
    }

    private static String number(double d) {
        return Double.toString(d);
    }

    /**
     * The text with every decimal number rounded to 9 significant digits. Fitness is continuous (normalized
     * validation loss), and a candidate that uses one of the functions the Vector API computes by SVML once
     * compiled (sin, log, ...) can differ in the last bits from one JVM run to the next (docs/executors.md);
     * the sequence of events, the programs, hashes and fingerprints must still match exactly.
     */
    static String rounded(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?").matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            double v = Double.parseDouble(m.group());
            m.appendReplacement(b, String.format(java.util.Locale.ROOT, "%.9g", v));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static void check(String name, List<String> actual) throws IOException {
        String text = String.join("\n", actual) + "\n";
        if (Boolean.getBoolean("golden.write")) {
            Path file = Path.of("src/test/resources/golden", name);
            Files.writeString(file, text);
            return;
        }
        try (InputStream in = GoldenRunTest.class.getResourceAsStream("/golden/" + name)) {
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!expected.equals(text)) {
                Path dump = Path.of("target/golden-actual", name);
                Files.createDirectories(dump.getParent());
                Files.writeString(dump, text);
            }
            assertEquals(rounded(expected), rounded(text), "this run's events are in "
                    + Path.of("target/golden-actual", name));
        }
    }
}
