package org.optsearch.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Numbers;
import org.optsearch.lang.Program;
import org.optsearch.search.Candidate;
import org.optsearch.search.Change;
import org.optsearch.search.Score;
import org.optsearch.search.StageName;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.train.run.TrainResult;

/**
 * How many events per second the store's writer sustains (not a test: speed is measured, not asserted).
 * A search burst of cache hits: each child is a {@code generated} and a {@code populationChanged} event,
 * and one child in 20 is trained (an {@code evaluated} event with a 21-point curve). Like a search's
 * children, each differs from AdamW in one statement (one of 5,000 learning-rate scales), and its mutation
 * quotes that statement before and after, so that new lines and mutation words keep coming.
 *
 * <pre>
 * mvn -q -o dependency:build-classpath -pl store -Dmdep.outputFile=/tmp/cp -Dmdep.includeScope=test
 * java -cp store/target/classes:store/target/test-classes:$(cat /tmp/cp) org.optsearch.store.StoreThroughput [events]
 * </pre>
 */
public final class StoreThroughput {
    private static final int VARIANTS = 5000;

    private StoreThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Program adamw = Program.parse("""
                def train(w, g, m, v, lr, beta1=0.9, beta2=0.999, wd=0.01, lr_scale=0.001):
                  g2 = square(g)
                  m = interp(g, m, beta1)
                  v = interp(g2, v, beta2)
                  sqrt_v = sqrt(v)
                  update = m / sqrt_v
                  decay = w * wd
                  update = update + decay
                  lr = lr * lr_scale
                  update = update * lr
                  return update, m, v
                """);
        Program[] programs = new Program[VARIANTS];
        String[] hashes = new String[VARIANTS];
        Change[] mutations = new Change[VARIANTS];
        for (int k = 0; k < VARIANTS; k++) {
            double scale = 0.001 * (1 + k / (double) VARIANTS);
            programs[k] = adamw.withHyperparameters(Map.of("lr_scale", scale)).inlineHyperparameters();
            hashes[k] = Analysis.of(programs[k]).hash();
            String after = "lr = lr * " + Numbers.format(scale);
            mutations[k] = new Change(Change.Kind.MODIFY, "modify statement 8 'lr = lr * 0.001' -> '" + after
                    + "' (argument 2 of 2: 0.001 -> " + Numbers.format(scale) + " (times 2^0.123))",
                    List.of("lr = lr * 0.001", after));
        }
        List<TrainResult.Point> curve = new ArrayList<>();
        for (int s = 0; s <= 200; s += 10) {
            curve.add(new TrainResult.Point(s, 2.0 / (1 + s), 2.1 / (1 + s), 0.5 + s / 500.0));
        }
        Score score = new Score(1.01, List.of(new TrainResult("digits-mlp:S", "candidate", 200, 0.01, 0.9, 0.9, null,
                0.2, curve)), null, false, 0);
        for (int round = 0; round < 3; round++) {
            Path dir = Files.createTempDirectory("store-throughput");
            Path file = dir.resolve("run.db");
            long t0 = System.nanoTime();
            long enqueueNanos;
            int written = 0;
            try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(1000, 0)))) {
                long id = 0;
                while (written < events) {
                    int k = (int) (++id % VARIANTS);
                    Candidate c = new Candidate(id, id - 1, programs[k], hashes[k], id, mutations[k], 1);
                    boolean trained = id % 20 == 0;
                    store.generated(c, trained ? Source.EVALUATED : Source.HASH_CACHE);
                    written++;
                    if (trained) {
                        store.evaluated(c, StageName.A, score, 0, 0.2);
                        written++;
                    }
                    store.populationChanged(c, 1.01, id > 1000 ? c : null);
                    written++;
                }
                enqueueNanos = System.nanoTime() - t0;
                store.flush();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %,d events; enqueue %.0f ns/event; written and committed in %.2f s: "
                    + "%,.0f events/s; file %,d bytes%n", round + 1, written, (double) enqueueNanos / written, seconds,
                    written / seconds, Files.size(file));
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
