package org.optsearch.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Moves float32 values between DJL arrays and the Java arrays our executors work on.
 *
 * <p>DJL's {@link NDArray#toByteBuffer(boolean) toByteBuffer(true)} promises that a direct buffer shares
 * the array's memory: on the PyTorch engine, for a contiguous CPU tensor, it is a view of the tensor's
 * data, so a read is one bulk copy and a write goes straight into the tensor (no allocation, no second
 * copy as {@link NDArray#toFloatArray()} and {@link NDArray#set(float[])} make). Where an engine or
 * device hands out a copy instead (a GPU, a non-contiguous tensor), {@link #viewAliases} says so and the
 * caller writes with {@link NDArray#set(java.nio.Buffer)}.
 */
final class HostCopy {
    /**
     * A block of zeros to clear gradients with bulk puts (256 KB: large enough that the per-put overhead
     * vanishes, small enough to stay in cache).
     */
    private static final float[] ZEROS = new float[64 * 1024];

    private HostCopy() {
    }

    /** Copies the array's values into {@code into}, whose length must be the array's size. */
    static void read(NDArray array, float[] into) {
        floats(array.toByteBuffer(true)).get(into);
    }

    /**
     * Writes {@code values} into the array: through its memory when {@code throughView} (established
     * with {@link #viewAliases}), otherwise with {@link NDArray#set}.
     */
    static void write(float[] values, NDArray array, boolean throughView) {
        if (throughView) {
            floats(array.toByteBuffer(true)).put(values);
        } else {
            array.set(FloatBuffer.wrap(values));
        }
    }

    /**
     * Whether writing into {@code array.toByteBuffer(true)} changes the array itself: probes one element
     * (and puts it back), so that a copy handed out as a direct buffer is never mistaken for the array.
     */
    static boolean viewAliases(NDArray array) {
        if (array.getDevice().getDeviceType() != Device.Type.CPU || array.size() == 0) {
            return false;
        }
        ByteBuffer bytes = array.toByteBuffer(true);
        if (!bytes.isDirect()) {
            return false;
        }
        FloatBuffer view = floats(bytes);
        float original = view.get(0);
        float probe = original == 1f ? 2f : 1f;
        view.put(0, probe);
        boolean aliases = array.getFloat(new long[array.getShape().dimension()]) == probe;
        view.put(0, original);
        return aliases;
    }

    /**
     * Sets the weight's accumulated gradient to zero, as DJL's own optimizers do after each update: the
     * PyTorch engine adds every backward pass into it and clears it nowhere else.
     */
    static void zeroGradient(NDArray weight, boolean throughView) {
        if (!weight.hasGradient()) {
            return;
        }
        try (NDArray gradient = weight.getGradient()) {
            if (throughView) {
                FloatBuffer view = floats(gradient.toByteBuffer(true));
                while (view.hasRemaining()) {
                    view.put(ZEROS, 0, Math.min(ZEROS.length, view.remaining()));
                }
            } else {
                // As DJL's GradientCollector.zeroGradients; only the fallback, since a NaN or infinity
                // in the gradient survives it (NaN - NaN), where writing zeros clears it.
                gradient.subi(gradient);
            }
        }
    }

    private static FloatBuffer floats(ByteBuffer bytes) {
        return bytes.order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
