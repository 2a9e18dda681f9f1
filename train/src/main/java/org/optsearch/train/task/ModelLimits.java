package org.optsearch.train.task;

import static org.optsearch.train.task.ModelSize.count;
import static org.optsearch.train.task.ModelSize.gib;

import org.optsearch.train.task.spec.ModelSpec;
import org.optsearch.train.task.spec.TaskSpec;
import org.optsearch.train.task.spec.TaskSpecException;

/**
 * Refuses a task file's model before it is built when it cannot be trained here: more parameters
 * than one Java float array holds ({@link ModelSize#MAX_ARRAY}), an activation buffer larger than
 * that, or more memory than the JVM may use. Each message names the file and the key to change.
 */
final class ModelLimits {

    private ModelLimits() {
    }

    /**
     * @param file      the task file as the user named it
     * @param batch     examples per step, after capping at the training set's size
     * @param maxMemory bytes the JVM may use ({@code Runtime.maxMemory()})
     */
    static void check(String file, TaskSpec spec, ModelSize size, int batch, long maxMemory) {
        String shapeKey = spec.model() instanceof ModelSpec.Mlp ? "$.model.hidden" : "$.model";
        String smaller = spec.model() instanceof ModelSpec.Mlp ? "use narrower or fewer hidden layers"
                : "use a smaller dim, depth or mlpRatio";
        if (size.parameters() > ModelSize.MAX_ARRAY) {
            throw new TaskSpecException(file, shapeKey, 0, 0, "the model would have " + count(size.parameters())
                    + " parameters; at most " + count(ModelSize.MAX_ARRAY) + " fit in one float array (the Java"
                    + " limit); " + smaller);
        }
        if (size.largest() > ModelSize.MAX_ARRAY) {
            throw new TaskSpecException(file, "$.train.batchSize", 0, 0, "batches of " + batch + " need an"
                    + " activation buffer of " + count(size.largest()) + " floats; at most "
                    + count(ModelSize.MAX_ARRAY) + " fit in one float array (the Java limit); use a smaller"
                    + " batchSize or model");
        }
        if (size.bytes() > maxMemory) {
            throw new TaskSpecException(file, shapeKey, 0, 0, "training needs at least " + gib(size.bytes())
                    + " (" + count(size.parameters()) + " parameters, each with its gradient and working copy, and "
                    + count(size.activations()) + " activation floats for batches of " + batch + "), more than the "
                    + gib(maxMemory) + " this JVM may use; " + smaller + ", use a smaller batchSize, or allow"
                    + " more memory (OPTSEARCH_JAVA_OPTS=-Xmx" + suggestedHeap(size.bytes()) + "g)");
        }
    }

    /** Whole GiB with room for the optimizer's state: twice the estimate, rounded up. */
    private static long suggestedHeap(long bytes) {
        return (2 * bytes + (1L << 30) - 1) >> 30;
    }
}
