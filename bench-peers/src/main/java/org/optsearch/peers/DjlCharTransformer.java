package org.optsearch.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The train module's {@code CharTransformer} in DJL: token and position embeddings (N(0, 0.02^2), as
 * OptSearch initializes them), {@code depth} {@link DjlTransformerBlock}s, a final layer norm and a linear
 * head over the alphabet. Input: {@code (batch, context)} int64 token ids; output: {@code (batch * context,
 * vocab)} logits, flattened so that DJL's softmax cross-entropy (which picks labels along one axis of a 2-D
 * prediction) takes them with {@code (batch * context)} labels.
 */
final class DjlCharTransformer extends AbstractBlock {
    private final int vocab;
    private final int dim;
    private final Parameter tokens;
    private final Parameter positions;
    private final DjlTransformerBlock[] blocks;
    private final LayerNorm finalNorm;
    private final Linear head;

    DjlCharTransformer(int vocab, int context, int dim, int depth, int heads, int mlpRatio) {
        this.vocab = vocab;
        this.dim = dim;
        tokens = addParameter(table("tokens", vocab, dim));
        positions = addParameter(table("positions", context, dim));
        blocks = new DjlTransformerBlock[depth];
        for (int i = 0; i < depth; i++) {
            blocks[i] = addChildBlock("block" + i, new DjlTransformerBlock(dim, heads, mlpRatio, context));
        }
        finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
        head = addChildBlock("head", Linear.builder().setUnits(vocab).build());
    }

    private static Parameter table(String name, int rows, int dim) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(0.02f))
                .optShape(new Shape(rows, dim))
                .build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray table = ps.getValue(tokens, ids.getDevice(), training);
        NDArray pos = ps.getValue(positions, ids.getDevice(), training);
        NDArray x = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow().add(pos);
        NDList h = new NDList(x);
        for (DjlTransformerBlock block : blocks) {
            h = block.forward(ps, h, training);
        }
        h = finalNorm.forward(ps, h, training);
        return new NDList(head.forward(ps, h, training).singletonOrThrow().reshape(-1, vocab));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0) * inputShapes[0].get(1), vocab)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), dim);
        for (DjlTransformerBlock block : blocks) {
            block.initialize(manager, dataType, hidden);
        }
        finalNorm.initialize(manager, dataType, hidden);
        head.initialize(manager, dataType, hidden);
    }
}
