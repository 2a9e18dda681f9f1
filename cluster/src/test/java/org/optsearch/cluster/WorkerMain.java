package org.optsearch.cluster;

import java.nio.file.Path;

/** A worker JVM for the tests: {@code WorkerMain JOIN SLOTS TOKEN|- CACHE}; its log goes to stdout. */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Worker w = new Worker(HostPort.parse(args[0], "join"), Secret.of(args[2].equals("-") ? null : args[2]),
                Integer.parseInt(args[1]), 0, Path.of(args[3]), line -> {
                    System.out.println("worker: " + line);
                    System.out.flush();
                });
        w.run();
    }
}
