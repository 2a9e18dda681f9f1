package org.optsearch.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which seeds a command trains with, from {@code --seeds} and {@code --seed-offset}: a count {@code K}
 * means seeds {@code offset+1 .. offset+K}; a range {@code A..B} or a list {@code A,B,C} names the seeds
 * (the offset is then not used). {@code tune} and {@code compare} have different default offsets, so that
 * tuning and comparing never share a seed unless asked to.
 */
record SeedList(List<Long> seeds) {
    /** The most seeds one command accepts; each seed is at least one training per program and task. */
    static final int MAX = 10_000;

    SeedList {
        seeds = List.copyOf(seeds);
    }

    /**
     * @throws CliException naming the flag and what is accepted
     */
    static SeedList parse(String spec, long offset) {
        String s = spec.trim();
        try {
            if (s.matches("\\d+")) {
                int k = Integer.parseInt(s);
                if (k < 1 || k > MAX) {
                    throw new CliException("--seeds must be a count from 1 to " + MAX + ", got " + k);
                }
                if (offset < 0 || offset > Long.MAX_VALUE - k) {
                    throw new CliException("--seed-offset must be >= 0, got " + offset);
                }
                List<Long> seeds = new ArrayList<>();
                for (int i = 1; i <= k; i++) {
                    seeds.add(offset + i);
                }
                return new SeedList(seeds);
            }
            if (s.matches("-?\\d+\\.\\.-?\\d+")) {
                String[] ends = s.split("\\.\\.");
                long a = Long.parseLong(ends[0]);
                long b = Long.parseLong(ends[1]);
                if (b < a || b - a >= MAX) {
                    throw new CliException("--seeds range " + s + " must go up and name 1 to " + MAX + " seeds");
                }
                List<Long> seeds = new ArrayList<>();
                for (long v = a; v <= b; v++) {
                    seeds.add(v);
                }
                return new SeedList(seeds);
            }
            if (s.matches("-?\\d+(,-?\\d+)+")) {
                Set<Long> seeds = new LinkedHashSet<>();
                for (String part : s.split(",")) {
                    if (!seeds.add(Long.parseLong(part))) {
                        throw new CliException("--seeds lists seed " + part + " twice");
                    }
                }
                return new SeedList(new ArrayList<>(seeds));
            }
        } catch (NumberFormatException e) {
            throw new CliException("--seeds '" + spec + "': a seed is out of range (64-bit integers)");
        }
        throw new CliException("--seeds '" + spec + "': give a count (3), a range (1001..1003) or a list (5,7,9)");
    }

    int size() {
        return seeds.size();
    }

    /** For messages: {@code 1..3}, or the list when the seeds are not consecutive. */
    String describe() {
        boolean consecutive = true;
        for (int i = 1; i < seeds.size(); i++) {
            consecutive &= seeds.get(i) == seeds.get(i - 1) + 1;
        }
        if (seeds.size() == 1) {
            return Long.toString(seeds.get(0));
        }
        return consecutive ? String.format(Locale.ROOT, "%d..%d", seeds.get(0), seeds.get(seeds.size() - 1))
                : String.join(",", seeds.stream().map(String::valueOf).toList());
    }
}
