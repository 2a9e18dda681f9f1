package org.optsearch.search.mutate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.optsearch.lang.Op;

/**
 * What the {@link Mutator} may do.
 *
 * @param weights     relative chance of each kind; a kind missing from the map has weight 0. The paper's
 *                    kinds are equally likely (1:1:1). Insertion switched off ({@code INSERT = 0}) is the
 *                    paper's automated simplification (docs/method.md, section 4)
 * @param functions   the functions an inserted statement draws from, uniformly; default {@link #DEFAULT_FUNCTIONS},
 *                    the published 45 plus {@code clip} and the four recent per-tensor functions
 * @param maxLength   no insertion makes a program longer than this many statements
 * @param maxAttempts invalid or unchanged children one {@link Mutator#mutate} call may discard before it gives up
 * @param followLearningRate when true, a child of a parent that follows its learning-rate input (scaling
 *                    {@code lr} scales the update, {@link org.optsearch.lang.Analysis#learningRateMatters()})
 *                    must follow it too, and a random program must follow it: programs that step at a
 *                    constant size, ignoring the schedule they are given, are discarded like invalid ones.
 *                    False is the paper's unconstrained space
 */
public record MutationConfig(Map<MutationKind, Double> weights, List<Op> functions, int maxLength, int maxAttempts,
        boolean followLearningRate) {
    public static final int DEFAULT_MAX_LENGTH = 40;
    public static final int DEFAULT_MAX_ATTEMPTS = 100;

    public MutationConfig {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(functions, "functions");
        EnumMap<MutationKind, Double> checked = new EnumMap<>(MutationKind.class);
        for (MutationKind kind : MutationKind.values()) {
            checked.put(kind, 0.0);
        }
        double total = 0;
        for (Map.Entry<MutationKind, Double> e : weights.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("mutation weights name a null kind: " + weights);
            }
            Double w = e.getValue();
            if (w == null || !Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("weight of " + e.getKey() + " must be a finite number >= 0, got " + w);
            }
            checked.put(e.getKey(), w);
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("at least one mutation weight must be > 0, got " + weights);
        }
        weights = Collections.unmodifiableMap(checked);
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("the function set is empty: give at least one function to insert");
        }
        Set<Op> seen = new HashSet<>();
        for (Op op : functions) {
            if (op == null) {
                throw new IllegalArgumentException("the function set contains null: " + functions);
            }
            if (!seen.add(op)) {
                throw new IllegalArgumentException("function '" + op.spelling() + "' is listed twice in the function set");
            }
        }
        functions = List.copyOf(functions);
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum program length must be >= 1 statement, got " + maxLength);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maximum attempts per mutation must be >= 1, got " + maxAttempts);
        }
    }

    /**
     * The functions a search draws from unless told otherwise: the paper's 45 plus {@code clip}
     * ({@link Op#searchable()}) and the recent {@code rms mean shape_factor orthogonalize} ({@link Op#recent()}),
     * on since a search from AdamW measured no loss from them (docs/search.md).
     */
    public static final List<Op> DEFAULT_FUNCTIONS = java.util.stream.Stream.concat(Op.searchable().stream(),
            Op.recent().stream()).toList();

    /** As the canonical constructor, with {@code followLearningRate} on. */
    public MutationConfig(Map<MutationKind, Double> weights, List<Op> functions, int maxLength, int maxAttempts) {
        this(weights, functions, maxLength, maxAttempts, true);
    }

    /**
     * Insert, delete and modify equally likely; {@link #DEFAULT_FUNCTIONS}; 40 statements; 100 attempts;
     * children keep following the learning rate.
     */
    public static MutationConfig defaults() {
        return new MutationConfig(weights(1, 1, 1), DEFAULT_FUNCTIONS, DEFAULT_MAX_LENGTH, DEFAULT_MAX_ATTEMPTS, true);
    }

    /** A weight map in the order insert, delete, modify; {@link MutationKind#TUNE} 0 (the paper's three kinds). */
    public static Map<MutationKind, Double> weights(double insert, double delete, double modify) {
        return weights(insert, delete, modify, 0);
    }

    /** A weight map in the order insert, delete, modify, tune. */
    public static Map<MutationKind, Double> weights(double insert, double delete, double modify, double tune) {
        return Map.of(MutationKind.INSERT, insert, MutationKind.DELETE, delete, MutationKind.MODIFY, modify,
                MutationKind.TUNE, tune);
    }

    /** The weight of {@code kind} (0 when it was not given). */
    public double weight(MutationKind kind) {
        return weights.get(kind);
    }

    public MutationConfig withWeights(Map<MutationKind, Double> newWeights) {
        return new MutationConfig(newWeights, functions, maxLength, maxAttempts, followLearningRate);
    }

    public MutationConfig withFunctions(List<Op> newFunctions) {
        return new MutationConfig(weights, newFunctions, maxLength, maxAttempts, followLearningRate);
    }

    public MutationConfig withMaxLength(int newMaxLength) {
        return new MutationConfig(weights, functions, newMaxLength, maxAttempts, followLearningRate);
    }

    public MutationConfig withMaxAttempts(int newMaxAttempts) {
        return new MutationConfig(weights, functions, maxLength, newMaxAttempts, followLearningRate);
    }

    public MutationConfig withFollowLearningRate(boolean follow) {
        return new MutationConfig(weights, functions, maxLength, maxAttempts, follow);
    }
}
