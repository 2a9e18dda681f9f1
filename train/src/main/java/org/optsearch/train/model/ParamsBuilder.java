package org.optsearch.train.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.optsearch.exec.ParamLayout;

/**
 * Collects the parameter tensors of a model, in order, into one flat layout: layers ask for a segment
 * by name and keep its offset; the optimizer executors see the whole buffer.
 */
public final class ParamsBuilder {
    private final List<ParamLayout.Segment> segments = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int size;

    /** Adds a tensor of {@code length} floats; returns its offset in the flat buffer. */
    public int add(String name, int length) {
        return add(name, 1, length);
    }

    /**
     * Adds a row-major {@code rows x columns} matrix, rows the layer's inputs and columns its outputs (in x out:
     * dense, embedding and head weights); returns its offset in the flat buffer.
     */
    public int add(String name, int rows, int columns) {
        int length = Math.multiplyExact(rows, columns);
        if (!names.add(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is declared twice");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a positive size, got " + length);
        }
        int offset = size;
        segments.add(new ParamLayout.Segment(name, offset, length, rows, ParamLayout.Role.ofShape(length, rows),
                ParamLayout.Orientation.IN_BY_OUT));
        size = Math.addExact(size, length);
        return offset;
    }

    /**
     * Says what a declared tensor is to the model (embedding, head...); tensors not marked have their
     * shape's role (a matrix is {@link ParamLayout.Role#MATRIX}, the rest {@link ParamLayout.Role#VECTOR}).
     */
    public void mark(String name, ParamLayout.Role role) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).name().equals(name)) {
                segments.set(i, segments.get(i).withRole(role));
                return;
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "' to mark as " + role + "; declared: " + names);
    }

    public int size() {
        return size;
    }

    public ParamLayout build() {
        return new ParamLayout(segments);
    }
}
