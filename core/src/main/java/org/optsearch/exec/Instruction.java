package org.optsearch.exec;

/** One elementwise function applied to one block: operands are indices into the pass's operand table. */
record Instruction(Kernels.Elementwise kernel, int x, int y, int z, int out) {
    void run(float[][] arrays, int[] offsets, int len) {
        kernel.apply(arrays[x], offsets[x], arrays[y], offsets[y], arrays[z], offsets[z], arrays[out], len);
    }
}
