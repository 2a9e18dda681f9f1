package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.exec.ParamLayout;
import org.optsearch.optim.export.Python;

/**
 * The NAdamW program against PyTorch's own torch.optim.NAdam (Debian's python3-torch 1.13, with the
 * one-line fix PyTorch made to it later; see reference/torch_reference.py), and AdamW with bias correction
 * against torch.optim.AdamW, for {@link NewerOptimizersTest#STEPS}
 * steps on the same noisy quadratic, weights compared after every step: without weight decay at a constant
 * learning rate (which shows 1.13's own slip, see the script), and with a warm-up-cosine schedule and
 * decoupled weight decay applied around torch's step as torch.optim.AdamW applies it.
 * {@code -Doptsearch.skipTorch=true} skips it.
 */
class TorchReferenceTest {
    @TempDir
    Path dir;

    @Test
    void nadamwWithoutWeightDecayIsTorchsNAdam() throws IOException {
        // full steps from the start, where PyTorch 1.13's slip would show
        Optimizer nadamw = Optimizers.nadamw().setLearningRate(LR).optWeightDecay(0).build();
        compare("nadam", nadamw, 0.0, Schedule.constant());
    }

    @Test
    void nadamwIsTorchsNAdamWithDecoupledWeightDecay() throws IOException {
        Optimizer nadamw = Optimizers.nadamw().setLearningRate(LR).optWeightDecay(0.1)
                .optSchedule(NewerOptimizersTest.SCHEDULE).build();
        compare("nadam", nadamw, 0.1, NewerOptimizersTest.SCHEDULE);
    }

    @Test
    void adamwWithBiasCorrectionIsTorchsAdamW() throws IOException {
        Optimizer adamw = Optimizers.adamw().optBiasCorrection(true).setLearningRate(LR).optWeightDecay(0.1)
                .optSchedule(NewerOptimizersTest.SCHEDULE).build();
        compare("adamw", adamw, 0.1, NewerOptimizersTest.SCHEDULE);
    }

    private static final double LR = 2e-2;

    private void compare(String torchName, Optimizer ours, double weightDecay, Schedule schedule) throws IOException {
        Python.require("torch");
        Path data = writeProblem(dir.resolve("problem.bin"), schedule);
        Path script = dir.resolve("torch_reference.py");
        try (InputStream in = getClass().getResourceAsStream("/reference/torch_reference.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path out = dir.resolve("torch.out");
        Python.Result run = Python.run(List.of(script.toString(), torchName, data.toString(), out.toString(),
                Double.toString(LR), Double.toString(weightDecay), "0.004"), dir);
        assertEquals(0, run.exit(), "torch_reference.py failed:\n" + run.stderr());
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        double[][] torch = new double[NewerOptimizersTest.STEPS][NewerOptimizersTest.LAYOUT.size()];
        for (double[] weights : torch) {
            for (int i = 0; i < weights.length; i++) {
                weights[i] = buffer.getFloat();
            }
        }
        NewerOptimizersTest.assertAgree(ours.name() + " wd " + weightDecay + " vs torch " + torchName, torch,
                NewerOptimizersTest.runProgram(ours));
    }

    /** The quadratic of {@link NewerOptimizersTest} and the schedule's factors, in torch_nadam.py's format. */
    private static Path writeProblem(Path file, Schedule schedule) throws IOException {
        NewerOptimizersTest.Quadratic q = NewerOptimizersTest.PROBLEM;
        ParamLayout layout = NewerOptimizersTest.LAYOUT;
        int steps = NewerOptimizersTest.STEPS;
        List<Double> values = new ArrayList<>(List.of((double) steps, (double) layout.segments().size()));
        for (ParamLayout.Segment s : layout.segments()) {
            values.add((double) s.rows());
            values.add((double) s.columns());
        }
        for (int i = 0; i < layout.size(); i++) {
            values.addAll(List.of(q.curvature()[i], q.minimum()[i], q.initial()[i]));
        }
        for (double[] row : q.noise()) {
            for (double x : row) {
                values.add(x);
            }
        }
        for (int s = 0; s <= steps; s++) { // one more: LambdaLR asks for it after the last step
            values.add(schedule.at(s));
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.size()).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(buffer::putDouble);
        return Files.write(file, buffer.array());
    }
}
