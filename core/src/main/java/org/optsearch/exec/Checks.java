package org.optsearch.exec;

/** Argument checks shared by the executors: a wrong buffer is a caller's bug, named precisely. */
final class Checks {
    private Checks() {
    }

    static void buffers(ParamLayout layout, int slots, float[] w, float[] g, float[][] state) {
        int n = layout.size();
        length("w", w, n);
        length("g", g, n);
        if (state == null || state.length != slots) {
            throw new IllegalArgumentException("the program has " + slots + " state slot(s), got "
                    + (state == null ? "null" : state.length + " state buffer(s)"));
        }
        for (int s = 0; s < slots; s++) {
            length("state[" + s + "]", state[s], n);
        }
    }

    private static void length(String name, float[] buffer, int n) {
        if (buffer == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (buffer.length != n) {
            throw new IllegalArgumentException(name + " has " + buffer.length + " floats, the layout has " + n);
        }
    }
}
