package org.optsearch.train.data;

import org.optsearch.train.model.Batch;

/** Examples that can be gathered into batches by index. */
public interface Dataset {

    /** Number of examples. */
    int size();

    /** The examples {@code indices[from .. from + count)} as one batch. */
    Batch batch(int[] indices, int from, int count);
}
