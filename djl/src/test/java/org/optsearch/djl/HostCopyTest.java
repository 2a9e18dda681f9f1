package org.optsearch.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Both ways of writing back, and the probe that picks one. */
class HostCopyTest {

    @Test
    void aContiguousCpuArrayIsWrittenThroughItsMemory() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray array = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            assertTrue(HostCopy.viewAliases(array));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, array.toFloatArray(), "the probe puts the value back");
            HostCopy.write(new float[] {6, 5, 4, 3, 2, 1}, array, true);
            assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, array.toFloatArray());
            float[] read = new float[6];
            HostCopy.read(array, read);
            assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, read);
        }
    }

    /** PyTorch hands out a contiguous copy of a transposed view: the probe must see that and fall back to set. */
    @Test
    void aCopyHandedOutAsADirectBufferIsDetected() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray transposed = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)).transpose();
            assertFalse(HostCopy.viewAliases(transposed));
            HostCopy.write(new float[] {9, 8, 7, 6, 5, 4}, transposed, false);
            assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4}, transposed.toFloatArray());
        }
    }

    @Test
    void bothWaysClearTheGradient() {
        for (boolean throughView : new boolean[] {true, false}) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                NDArray weight = manager.create(new float[] {1, 2, 3});
                weight.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    collector.backward(weight.mul(2f).sum());
                }
                assertArrayEquals(new float[] {2, 2, 2}, weight.getGradient().toFloatArray());
                HostCopy.zeroGradient(weight, throughView);
                assertArrayEquals(new float[3], weight.getGradient().toFloatArray(), "through view: " + throughView);
            }
        }
    }
}
