package org.optsearch.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.mutate.Mutation;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.search.mutate.Mutator;

/**
 * How many children one core makes in a population-like loop (docs/method.md, section 3): a population of
 * 1000 copies of {@code program} (inlined), a tournament of 2 picks a parent (at random: there is no
 * fitness here), {@link Mutator#mutate} draws a valid child (abstract execution included, invalid drafts
 * redrawn), the child's dataflow hash is taken as text ({@link Analysis#hash()}, what a cache key would
 * use), and the child replaces the oldest member. The population persists across iterations, so programs
 * drift to the lengths that mutation alone gives (about 10-17 statements from AdamW with the defaults).
 * The target is 20,000 children per second per core. {@code followLearningRate} compares the search's
 * rule (children of a program that follows lr must follow it too) with the unconstrained mutator.
 *
 * <ul>
 *   <li>{@code evolve}: one child, as above (ops/s = children/s);</li>
 *   <li>{@code tune}: one child of the {@code constants} mode ({@link Mutator#mutateConstants});</li>
 *   <li>{@code analyse}: only the part that lives in {@code core}: {@code Analysis.of(child).hash()} over a
 *       fixed ring of 4096 children drawn by {@code evolve}'s loop, to show what abstract execution costs.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class MutationBenchmark {
    static final long SEED = 42;
    static final int POPULATION = 1000;
    static final int RING = 4096;

    @Param({"adamw"})
    public String program;

    /** Children keep following the learning rate (the search's default) or not ({@code --allow-constant-step}). */
    @Param({"true", "false"})
    public boolean followLearningRate;

    Mutator mutator;
    Program start;
    Program[] population;
    int oldest;
    SplittableRandom rnd;
    Program[] ring;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        mutator = new Mutator(MutationConfig.defaults().withFollowLearningRate(followLearningRate));
        start = BenchPrograms.load(program).inlineHyperparameters();
        population = new Program[POPULATION];
        Arrays.fill(population, start);
        rnd = new SplittableRandom(SEED);
        ring = new Program[RING];
        SplittableRandom warm = new SplittableRandom(SEED + 1);
        Program[] pop = population.clone();
        for (int i = 0; i < 20 * POPULATION + RING; i++) {
            Program child = mutator.mutate(tournament(pop, warm), warm).child();
            pop[i % POPULATION] = child;
            if (i >= 20 * POPULATION) {
                ring[i - 20 * POPULATION] = child;
            }
        }
    }

    private static Program tournament(Program[] pop, SplittableRandom rnd) {
        Program a = pop[rnd.nextInt(pop.length)];
        Program b = pop[rnd.nextInt(pop.length)];
        return rnd.nextBoolean() ? a : b;
    }

    @Benchmark
    public String evolve() {
        Mutation m = mutator.mutate(tournament(population, rnd), rnd);
        population[oldest] = m.child();
        oldest = (oldest + 1) % POPULATION;
        return m.analysis().hash();
    }

    @Benchmark
    public String tune() {
        return mutator.mutateConstants(start, rnd).analysis().hash();
    }

    @Benchmark
    public String analyse() {
        Program p = ring[next];
        next = (next + 1) & (RING - 1);
        return Analysis.of(p).hash();
    }
}
