package org.optsearch.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.Semantics;
import org.optsearch.train.nn.Activation;

/**
 * The trainer stores dense weights in x out and says so in its layout, so that shape_factor is Muon's
 * sqrt(max(1, fan-out / fan-in)) of each layer, as for the same layer's out x in weight in PyTorch.
 */
class LayoutOrientationTest {
    @Test
    void aDenseWeightIsInByOutAndGetsMuonsScaleOfItsLayer() {
        ParamLayout layout = new Mlp(8, new int[] {32}, 4, Activation.TANH, false).layout();
        ParamLayout.Segment up = layout.segments().get(0); // layer0.weight: 8 inputs, 32 outputs
        ParamLayout.Segment down = layout.segments().get(2); // layer1.weight (the head): 32 inputs, 4 outputs
        assertEquals("layer0.weight", up.name());
        assertEquals(ParamLayout.Orientation.IN_BY_OUT, up.orientation());
        assertEquals(8, up.rows());
        assertEquals(32, up.fanOut());
        assertEquals(2.0, Semantics.shapeFactor(up), "PyTorch's Linear(8, 32).weight is 32 x 8: sqrt(32 / 8)");
        assertEquals(1.0, Semantics.shapeFactor(down), "Linear(32, 4).weight is 4 x 32: max(1, 4 / 32)");
    }
}
