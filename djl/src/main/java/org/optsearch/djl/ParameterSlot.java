package org.optsearch.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.optsearch.exec.ParamLayout;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;

/**
 * What the adapter keeps for one DJL parameter: the optimizer state (layout = that parameter alone) and
 * the two Java arrays the optimizer steps on, reused every step.
 */
final class ParameterSlot {
    private final OptimizerState state;
    private final float[] weights;
    private final float[] gradient;
    /** Set at the first update: the device the parameter lives on. */
    private Device device;
    /** The array last updated (compared by identity only), and whether to write into it through its memory. */
    private NDArray boundWeight;
    private boolean throughView;

    ParameterSlot(OptimizerState state) {
        this.state = state;
        int size = state.layout().size();
        this.weights = new float[size];
        this.gradient = new float[size];
    }

    /** A fresh slot for a parameter of this shape. */
    static ParameterSlot create(Optimizer optimizer, Shape shape) {
        return new ParameterSlot(optimizer.newState(layoutOf(shape)));
    }

    /**
     * One tensor; a matrix keeps its rows so that Adafactor can factor its statistics. As in
     * {@link ParamLayout.Segment}, tensors of rank other than 2 are one row.
     */
    static ParamLayout layoutOf(Shape shape) {
        int size = Math.toIntExact(shape.size());
        int rows = shape.dimension() == 2 ? Math.toIntExact(shape.get(0)) : 1;
        return new ParamLayout(List.of(new ParamLayout.Segment("parameter", 0, size, rows)));
    }

    OptimizerState state() {
        return state;
    }

    /** One step of {@code optimizer} on this parameter; {@code conditioner} rescales and clips the gradient. */
    void update(String parameterId, Optimizer optimizer, NDArray weight, NDArray grad,
                GradientConditioner conditioner) {
        bind(parameterId, weight, grad);
        HostCopy.read(weight, weights);
        HostCopy.read(grad, gradient);
        conditioner.apply(gradient);
        optimizer.step(weights, gradient, state);
        HostCopy.write(weights, weight, throughView);
        HostCopy.zeroGradient(weight, throughView);
    }

    /**
     * Checks the arrays against this slot; for a weight array not seen before (the first update, or after
     * the parameter's array was replaced), also decides how to write back.
     */
    private void bind(String parameterId, NDArray weight, NDArray grad) {
        if (weight.getDataType() != DataType.FLOAT32 || grad.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("OptSearchOptimizer updates float32 parameters only; parameter "
                    + parameterId + " is " + weight.getDataType() + " with a " + grad.getDataType() + " gradient");
        }
        ParamLayout expected = layoutOf(weight.getShape());
        if (!expected.equals(state.layout()) || grad.size() != weight.size()) {
            throw new IllegalStateException("parameter " + parameterId + " has shape " + weight.getShape()
                    + " (gradient " + grad.getShape() + "), but its optimizer state was made for "
                    + describe(state.layout()));
        }
        if (device == null) {
            device = weight.getDevice();
        } else if (!device.equals(weight.getDevice())) {
            throw new IllegalStateException("parameter " + parameterId + " was updated on " + device + " and now on "
                    + weight.getDevice() + ": OptSearchOptimizer keeps one state per parameter, so it supports"
                    + " training on one device only");
        }
        if (weight != boundWeight) {
            throughView = HostCopy.viewAliases(weight);
            boundWeight = weight;
        }
    }

    private static String describe(ParamLayout layout) {
        ParamLayout.Segment s = layout.segments().get(0);
        return s.length() + " floats in " + s.rows() + " row(s)";
    }
}
