package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each job has its own time limit: a stage that recalibrates is allowed longer than stage A. */
class WorkersTest {

    @Test
    void aJobIsAbandonedOnlyPastItsOwnLimit() {
        Deque<String> jobs = new ArrayDeque<>(List.of("short", "long"));
        Map<String, String> outcome = new ConcurrentHashMap<>();
        WorkLoop<String> loop = new WorkLoop<>() {
            @Override
            public synchronized String next() {
                return jobs.poll();
            }

            @Override
            public Score run(String job) {
                try {
                    Thread.sleep(1500); // past the short job's allowance (1.5 x 100 ms + 1 s), inside the long one's
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Score.of(1.0, List.of());
            }

            @Override
            public void done(String job, Score score, int worker, double seconds) {
                outcome.put(job, score.failed() ? String.valueOf(score.stopped()) : "scored");
            }

            @Override
            public void abandoned(String job, int worker, double seconds) {
            }

            @Override
            public void stop() {
            }
        };
        long shortLimit = TimeUnit.MILLISECONDS.toNanos(100);
        new Workers<>(loop, System::nanoTime, shortLimit, job -> job.equals("short") ? shortLimit
                : TimeUnit.SECONDS.toNanos(10)).run(2);

        assertTrue(outcome.get("short").startsWith("hung: no result"), outcome.toString());
        assertEquals("scored", outcome.get("long"));
    }
}
