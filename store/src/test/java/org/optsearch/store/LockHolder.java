package org.optsearch.store;

import java.nio.file.Path;

/**
 * The second process of {@link StoreLockTest}: opens a store for writing, says so on its output, and holds
 * it until its input ends (or it is killed).
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RunStore store = RunStore.openForAppend(Path.of(args[0]), "lock holder " + args[0])) {
            System.out.println("holding " + store.file());
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the store until the test closes this input
            }
        }
    }
}
