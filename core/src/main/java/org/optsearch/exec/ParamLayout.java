package org.optsearch.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * How the parameters of a model lie in one flat buffer: one segment per tensor. The weights, the
 * gradient and every state slot share this layout. {@code norm} is taken per segment.
 */
public record ParamLayout(List<Segment> segments) {

    /**
     * What a tensor is to the model, for optimizers that treat classes of parameters differently (Muon
     * orthogonalizes the hidden matrices and leaves the rest to AdamW: {@code Optimizers.routed}).
     */
    public enum Role {
        /** A hidden matrix: a weight between two hidden layers. */
        MATRIX,
        /** An input embedding: token, position or patch embedding. */
        EMBEDDING,
        /** The output head: the last layer's weight. */
        HEAD,
        /** Anything 1-D: biases, layer-norm gains, a 1 x n or n x 1 tensor. */
        VECTOR;

        /** The role a tensor has when its model says nothing: its shape's. */
        public static Role ofShape(int length, int rows) {
            return rows > 1 && rows < length ? MATRIX : VECTOR;
        }
    }

    /**
     * Which axis of a matrix holds the layer's outputs: PyTorch's and DJL's weights are out x in (rows are
     * outputs), this project's trainer stores its dense, embedding and head weights in x out (columns are
     * outputs), as do Flax's kernels. {@code shape_factor} reads it (Muon's sqrt(max(1, fan-out / fan-in)));
     * {@code orthogonalize} does not need it (the Newton-Schulz of the transpose is the transpose).
     */
    public enum Orientation {
        /** Rows are the outputs: out x in, as PyTorch's {@code Linear.weight}. */
        OUT_BY_IN,
        /** Columns are the outputs: in x out, as this project's trainer and Flax's kernels. */
        IN_BY_OUT
    }

    /**
     * One tensor: {@code length} floats from {@code offset}. A matrix says how many {@code rows} it has
     * (row-major, {@code length / rows} columns); vectors and tensors of other ranks have one row.
     * Optimizers that factor their statistics by rows and columns (Adafactor), {@code shape_factor} and
     * {@code orthogonalize} look at the shape; routing looks at the {@link Role}.
     */
    public record Segment(String name, int offset, int length, int rows, Role role, Orientation orientation) {
        /** A tensor whose role follows from its shape, out x in when it is a matrix. */
        public Segment(String name, int offset, int length, int rows) {
            this(name, offset, length, rows, Role.ofShape(length, rows));
        }

        /** A tensor out x in when it is a matrix (PyTorch's and DJL's layout). */
        public Segment(String name, int offset, int length, int rows, Role role) {
            this(name, offset, length, rows, role, Orientation.OUT_BY_IN);
        }

        public Segment {
            java.util.Objects.requireNonNull(role, "role");
            java.util.Objects.requireNonNull(orientation, "orientation");
            if (offset < 0 || length <= 0) {
                throw new IllegalArgumentException("segment " + name + " needs offset >= 0 and length > 0, got "
                        + offset + " and " + length);
            }
            if (rows <= 0 || length % rows != 0) {
                throw new IllegalArgumentException("segment " + name + " has " + length + " floats, which is not "
                        + rows + " whole rows");
            }
        }

        /** A tensor without a matrix shape (one row). */
        public Segment(String name, int offset, int length) {
            this(name, offset, length, 1);
        }

        /** The same tensor at another offset (for a layout of some of a model's tensors). */
        public Segment at(int newOffset) {
            return new Segment(name, newOffset, length, rows, role, orientation);
        }

        /** The same tensor with another role. */
        public Segment withRole(Role newRole) {
            return new Segment(name, offset, length, rows, newRole, orientation);
        }

        /** The same tensor read with its outputs on another axis. */
        public Segment withOrientation(Orientation newOrientation) {
            return new Segment(name, offset, length, rows, role, newOrientation);
        }

        /** The size of the output axis of a matrix ({@link #orientation}); of anything else its length. */
        public int fanOut() {
            return !isMatrix() ? length : orientation == Orientation.OUT_BY_IN ? rows : columns();
        }

        /** The size of the input axis of a matrix; 1 for anything else. */
        public int fanIn() {
            return !isMatrix() ? 1 : length / fanOut();
        }

        public int end() {
            return offset + length;
        }

        public int columns() {
            return length / rows;
        }

        /** Whether it is a matrix with more than one row and more than one column. */
        public boolean isMatrix() {
            return rows > 1 && rows < length;
        }
    }

    public ParamLayout {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a parameter layout needs at least one segment");
        }
        int expected = 0;
        for (Segment s : segments) {
            if (s.offset() != expected) {
                throw new IllegalArgumentException("segment " + s.name() + " starts at " + s.offset()
                        + " but the previous one ends at " + expected + "; segments must be contiguous");
            }
            expected = s.end();
        }
    }

    /** A single tensor of {@code size} floats. */
    public static ParamLayout single(int size) {
        return new ParamLayout(List.of(new Segment("params", 0, size)));
    }

    /** Contiguous tensors of the given sizes, named {@code t0, t1, ...}. */
    public static ParamLayout of(int... sizes) {
        List<Segment> list = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            list.add(new Segment("t" + i, offset, sizes[i]));
            offset += sizes[i];
        }
        return new ParamLayout(list);
    }

    /** Total number of floats. */
    public int size() {
        return segments.get(segments.size() - 1).end();
    }
}
