package org.optsearch.store;

import java.nio.file.Path;

/**
 * The second process of {@link StoreLockTest}. {@code hold FILE} opens the store for writing, says so on
 * its output, and holds it until its input ends (or it is killed); {@code try FILE} tries to open it for
 * writing and prints what it was told. (Within one process a test must not read the lock file it holds:
 * closing that file would drop the lock.)
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("try")) {
            try (RunStore store = RunStore.openForAppend(file, "lock try " + file)) {
                System.out.println("opened " + store.file());
            } catch (StoreException e) {
                System.out.println(e.getMessage());
            }
            return;
        }
        try (RunStore store = RunStore.openForAppend(file, "lock holder " + file)) {
            System.out.println("holding " + store.file());
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the store until the test closes this input
            }
        }
    }
}
