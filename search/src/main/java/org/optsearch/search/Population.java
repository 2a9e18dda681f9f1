package org.optsearch.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.optsearch.search.SearchState.Member;

/**
 * Regularized evolution's population: a queue of scored members, oldest first. A child joins at the
 * back and the oldest member leaves; parents are chosen by tournament. Not thread-safe (the engine
 * holds its lock).
 */
final class Population {
    private final int capacity;
    private final int tournament;
    private final Deque<Member> members = new ArrayDeque<>();
    private Member[] view;

    Population(int capacity, int tournament) {
        if (capacity < 1) {
            throw new IllegalArgumentException("population size must be >= 1, got " + capacity);
        }
        if (tournament < 1 || tournament > capacity) {
            throw new IllegalArgumentException("tournament size must be in 1.." + capacity + ", got " + tournament);
        }
        this.capacity = capacity;
        this.tournament = tournament;
    }

    boolean full() {
        return members.size() >= capacity;
    }

    int size() {
        return members.size();
    }

    /** Adds a member; returns the oldest one that left, or null while the population is filling up. */
    Member add(Member m) {
        members.addLast(m);
        view = null;
        return members.size() > capacity ? members.removeFirst() : null;
    }

    /** The best of {@code tournament} members drawn at random (with replacement; ties to the first drawn). */
    Member select(SplittableRandom rnd) {
        Member[] all = view();
        Member best = null;
        for (int i = 0; i < tournament; i++) {
            Member m = all[rnd.nextInt(all.length)];
            if (best == null || m.fitness() > best.fitness()) {
                best = m;
            }
        }
        return best;
    }

    /** Replaces every member by copies of {@code m} (a restart from the best program). */
    void fillWith(Member m) {
        members.clear();
        for (int i = 0; i < capacity; i++) {
            members.addLast(m);
        }
        view = null;
    }

    /** Median fitness of the members that did not fail, or NaN. */
    double median() {
        double[] f = members.stream().mapToDouble(Member::fitness).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) {
            return Double.NaN;
        }
        return f.length % 2 == 1 ? f[f.length / 2] : (f[f.length / 2 - 1] + f[f.length / 2]) / 2;
    }

    List<Member> members() {
        return new ArrayList<>(members);
    }

    private Member[] view() {
        if (view == null) {
            view = members.toArray(new Member[0]);
        }
        return view;
    }

    @Override
    public String toString() {
        return "Population" + Arrays.toString(view());
    }
}
