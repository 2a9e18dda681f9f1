package org.optsearch.search.calibrate;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Function;

/** Independent trainings made at once on a pool, their results kept in the order of their inputs. */
public final class Parallel {
    private Parallel() {
    }

    /**
     * {@code f} of each item, in order: on {@code pool} at once when it is given and there are two or more
     * items, else one after the other on this thread. {@code f} must then be safe to call from several
     * threads. Works from inside the pool too (a task of it may call this): the calling thread joins in.
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f, ForkJoinPool pool) {
        if (pool == null || items.size() < 2) {
            return items.stream().<R>map(f).toList();
        }
        // A parallel stream runs on the pool of the thread that starts it: this one when it is the pool's own.
        if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool) {
            return items.parallelStream().<R>map(f).toList();
        }
        return pool.submit(() -> items.parallelStream().<R>map(f).toList()).join();
    }
}
