package org.optsearch.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.optsearch.exec.ParamLayout;

/**
 * What an optimizer carries between steps: its state slots and the step count. Saves to and loads
 * from a stream in a small binary format (floats bit for bit), so that training resumed from a
 * checkpoint continues exactly as if it had not stopped.
 */
public final class OptimizerState {
    private static final int MAGIC = 0x4F505453; // "OPTS"
    /**
     * Format 3 adds each tensor's orientation; format 2 added its role. Formats 1 (no roles: the shape's) and 2
     * (no orientation: out x in) are still read.
     */
    private static final int FORMAT = 3;

    private final String identity;
    private final ParamLayout layout;
    private final float[][] slots;
    private long step;
    /** Per-state working data of the optimizer (an executor, scratch buffers); never saved. */
    Object work;

    OptimizerState(String identity, ParamLayout layout, float[][] slots, long step) {
        this.identity = identity;
        this.layout = layout;
        this.slots = slots;
        this.step = step;
    }

    public ParamLayout layout() {
        return layout;
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /** The slots, live (not copies): for inspection and for adapters that own the memory. */
    public float[][] slots() {
        return slots;
    }

    String identity() {
        return identity;
    }

    void advance() {
        step++;
    }

    /** For an optimizer made of others ({@link RoutedOptimizer}): their states follow its step count. */
    void setStep(long newStep) {
        step = newStep;
    }

    /** Writes the state; the stream is not closed. */
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(FORMAT);
        data.writeUTF(identity);
        data.writeInt(layout.segments().size());
        for (ParamLayout.Segment s : layout.segments()) {
            data.writeUTF(s.name());
            data.writeInt(s.length());
            data.writeInt(s.rows());
            data.writeUTF(s.role().name());
            data.writeUTF(s.orientation().name());
        }
        data.writeLong(step);
        data.writeInt(slots.length);
        for (float[] slot : slots) {
            data.writeInt(slot.length);
            for (float v : slot) {
                data.writeInt(Float.floatToRawIntBits(v));
            }
        }
        data.flush();
    }

    /**
     * Reads a state written by {@link #save} for {@code optimizer}; the stream is not closed.
     *
     * @throws IOException naming what does not match: not a saved state, another format version, a
     *                     state of a different optimizer or settings, a truncated stream
     */
    public static OptimizerState load(InputStream in, Optimizer optimizer) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not a saved optimizer state (bad magic number)");
        }
        int format = data.readInt();
        if (format < 1 || format > FORMAT) {
            throw new IOException("saved optimizer state has format " + format + "; this version reads formats 1 to "
                    + FORMAT);
        }
        String identity = data.readUTF();
        if (!identity.equals(optimizer.identity())) {
            throw new IOException("the saved state belongs to a different optimizer or settings:\n  saved: "
                    + identity.replace("\n", "\n         ") + "\n  this:  "
                    + optimizer.identity().replace("\n", "\n         "));
        }
        int count = data.readInt();
        List<ParamLayout.Segment> segments = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < count; i++) {
            String name = data.readUTF();
            int length = data.readInt();
            int rows = data.readInt();
            ParamLayout.Role role = format >= 2 ? read(data, ParamLayout.Role.class, "parameter role")
                    : ParamLayout.Role.ofShape(length, rows);
            ParamLayout.Orientation orientation = format >= 3
                    ? read(data, ParamLayout.Orientation.class, "tensor orientation") : ParamLayout.Orientation.OUT_BY_IN;
            segments.add(new ParamLayout.Segment(name, offset, length, rows, role, orientation));
            offset += length;
        }
        ParamLayout layout = new ParamLayout(segments);
        long step = data.readLong();
        OptimizerState fresh = optimizer.newState(layout);
        float[][] slots = fresh.slots;
        int slotCount = data.readInt();
        if (slotCount != slots.length) {
            throw new IOException("saved state has " + slotCount + " slots; the optimizer has " + slots.length);
        }
        for (float[] slot : slots) {
            int length = data.readInt();
            if (length != slot.length) {
                throw new IOException("a saved slot has " + length + " floats; the optimizer expects " + slot.length);
            }
            for (int i = 0; i < length; i++) {
                slot[i] = Float.intBitsToFloat(data.readInt());
            }
        }
        fresh.step = step;
        return fresh;
    }

    /** Checks that {@code optimizer} made this state and the buffers have its layout. */
    void check(Optimizer optimizer, float[] w, float[] g) {
        if (!identity.equals(optimizer.identity())) {
            throw new IllegalArgumentException("this state was made by another optimizer (" + firstLine(identity)
                    + "), not " + optimizer.name());
        }
        int size = layout.size();
        if (w.length != size || g.length != size) {
            throw new IllegalArgumentException("weights and gradient must have " + size + " floats (the state's "
                    + "layout), got " + w.length + " and " + g.length);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** An enum constant saved by name; an unknown name is a damaged or newer file. */
    private static <E extends Enum<E>> E read(DataInputStream data, Class<E> type, String what) throws IOException {
        String saved = data.readUTF();
        try {
            return Enum.valueOf(type, saved);
        } catch (IllegalArgumentException e) {
            throw new IOException("saved optimizer state names an unknown " + what + " '" + saved + "'");
        }
    }
}
