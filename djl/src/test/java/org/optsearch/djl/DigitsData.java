package org.optsearch.djl;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.optsearch.train.data.BuiltinData;
import org.optsearch.train.data.FeatureDataset;
import org.optsearch.train.data.FeatureSplit;
import org.optsearch.train.data.Split;
import org.optsearch.train.model.Batch;

/**
 * The 8x8 digits as the digits-mlp task splits them (20% held out, split seed 0, one scalar
 * standardization from the training pixels), and mini-batches of it in a seeded shuffled order.
 */
final class DigitsData {
    static final int FEATURES = 64;
    static final int CLASSES = 10;

    private static FeatureSplit split;

    private DigitsData() {
    }

    static synchronized FeatureSplit split() {
        if (split == null) {
            Path dataDir = BuiltinData.findDataDir(Path.of(""));
            split = FeatureSplit.ofTable(BuiltinData.digits(dataDir), FeatureSplit.Scaling.SCALAR, 0.2, 0,
                    Split.NO_LIMIT);
        }
        return split;
    }

    /** {@code epochs} passes over the training set in batches of {@code batch} (the last, short one dropped). */
    static Batch.Features[] trainingBatches(int epochs, int batch, long seed) {
        FeatureDataset train = split().train();
        int perEpoch = train.size() / batch;
        Batch.Features[] out = new Batch.Features[epochs * perEpoch];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int e = 0; e < epochs; e++) {
            int[] order = Split.permutation(train.size(), rnd);
            for (int b = 0; b < perEpoch; b++) {
                out[e * perEpoch + b] = train.batch(order, b * batch, batch);
            }
        }
        return out;
    }

    static Batch.Features validation() {
        FeatureDataset v = split().validation();
        int[] all = new int[v.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return v.batch(all, 0, all.length);
    }
}
