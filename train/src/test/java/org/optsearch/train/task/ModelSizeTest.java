package org.optsearch.train.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.train.model.CharTransformer;
import org.optsearch.train.model.Mlp;
import org.optsearch.train.model.Model;
import org.optsearch.train.model.Vit;
import org.optsearch.train.nn.Activation;
import org.optsearch.train.task.spec.TaskSpec;
import org.optsearch.train.task.spec.TaskSpecException;
import org.optsearch.train.task.spec.TaskSpecs;

/** Model sizes are worked out before anything is allocated, and too large a model is refused by key. */
class ModelSizeTest {

    @TempDir
    Path dir;

    static Stream<Arguments> smallModels() {
        return Stream.of(
                Arguments.of("linear", new Mlp(5, new int[0], 3, Activation.RELU, false),
                        ModelSize.mlp(5, List.of(), 3, 8)),
                Arguments.of("mlp [7, 4]", new Mlp(5, new int[] {7, 4}, 1, Activation.TANH, true),
                        ModelSize.mlp(5, List.of(7, 4), 1, 8)),
                Arguments.of("vit mean", new Vit(8, 12, 1, 4, 10, 8, 2, 2, 3, Vit.Pooling.MEAN),
                        ModelSize.vit(8, 12, 4, 10, 8, 2, 2, 3, false, 8)),
                Arguments.of("vit cls", new Vit(8, 8, 1, 2, 4, 6, 1, 3, 2, Vit.Pooling.CLS),
                        ModelSize.vit(8, 8, 2, 4, 6, 1, 3, 2, true, 8)),
                Arguments.of("charlm", new CharTransformer(11, 9, 8, 3, 2, 2),
                        ModelSize.charLm(11, 9, 8, 3, 2, 2, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallModels")
    void parameterCountMatchesTheBuiltModel(String what, Model model, ModelSize size) {
        assertEquals(model.layout().size(), size.parameters());
    }

    @Test
    void threeHiddenLayersOf65536CountWithoutOverflow() {
        ModelSize size = ModelSize.mlp(30, List.of(65536, 65536, 65536), 2, 64);
        long expected = (30L * 65536 + 65536) + 2 * (65536L * 65536 + 65536) + (65536L * 2 + 2);
        assertEquals(expected, size.parameters());
        assertTrue(size.parameters() > Integer.MAX_VALUE);
    }

    @Test
    void sizesPastLongRangeSaturateInsteadOfWrapping() {
        ModelSize size = ModelSize.charLm(65536, 65536, 65536, 65536, 65536, 65536, 65536);
        assertEquals(Long.MAX_VALUE, size.activations());
        assertEquals(Long.MAX_VALUE, size.bytes());
    }

    @Test
    void taskFileWithHugeHiddenLayersIsRefusedNamingTheKey() throws IOException {
        Path task = taskFile("huge.yaml", "{type: mlp, hidden: [65536, 65536, 65536]}", 64);
        TaskSpecException e = assertThrows(TaskSpecException.class, () -> Tasks.resolve(task.toString()));
        assertEquals(task + ": $.model.hidden: the model would have 8,590,458,882 parameters; at most 2,147,483,639"
                + " fit in one float array (the Java limit); use narrower or fewer hidden layers", e.getMessage());
    }

    @Test
    void modelThatFitsAnArrayButNotTheMemoryIsRefusedWithTheHeapToAskFor() throws IOException {
        TaskSpec spec = TaskSpecs.read(taskFile("wide.yaml", "{type: mlp, hidden: [4096, 4096]}", 64));
        ModelSize size = ModelSize.mlp(3, List.of(4096, 4096), 2, 64);
        TaskSpecException e = assertThrows(TaskSpecException.class,
                () -> ModelLimits.check("wide.yaml", spec, size, 64, 64L << 20));
        assertEquals("wide.yaml: $.model.hidden: training needs at least 0.2 GiB (16,805,890 parameters, each with its"
                + " gradient and working copy, and 6,292,480 activation floats for batches of 64), more than the 0.1"
                + " GiB this JVM may use; use narrower or fewer hidden layers, use a smaller batchSize, or allow more"
                + " memory (OPTSEARCH_JAVA_OPTS=-Xmx1g)", e.getMessage());
        ModelLimits.check("wide.yaml", spec, size, 64, 1L << 30);
    }

    @Test
    void activationBufferLargerThanAnArrayNamesTheBatchSize() throws IOException {
        TaskSpec spec = TaskSpecs.read(taskFile("deep.yaml", "{type: mlp, hidden: [65536]}", 65536));
        ModelSize size = ModelSize.mlp(3, List.of(65536), 2, 65536);
        TaskSpecException e = assertThrows(TaskSpecException.class,
                () -> ModelLimits.check("deep.yaml", spec, size, 65536, Long.MAX_VALUE));
        assertEquals("deep.yaml: $.train.batchSize: batches of 65536 need an activation buffer of 4,294,967,296"
                + " floats; at most 2,147,483,639 fit in one float array (the Java limit); use a smaller batchSize or"
                + " model", e.getMessage());
    }

    private Path taskFile(String name, String model, int batch) throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,b,c,y\n1,2,3,0\n2,3,4,1\n3,4,5,0\n4,5,6,1\n5,6,7,0\n6,7,8,1\n");
        return Files.writeString(dir.resolve(name), "name: t\nmodel: " + model + "\n"
                + "data: {format: csv, path: t.csv, label: y, kind: classification}\n"
                + "train: {steps: 5, batchSize: " + batch + "}\n");
    }
}
