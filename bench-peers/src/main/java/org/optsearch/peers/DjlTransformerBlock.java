package org.optsearch.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The train module's pre-norm transformer block ({@code org.optsearch.train.model.TransformerBlock}) built
 * from DJL's blocks: {@code h = x + attention(ln1(x))}, {@code y = h + down(gelu(up(ln2(h))))}. Attention is
 * written with NDArray ops, as nanoGPT writes it: a fused {@code qkv} projection split into heads, scores
 * {@code Q K^T / sqrt(headDim)} with a causal mask, softmax, {@code P V}, and an output projection.
 *
 * <p>GELU is DJL's {@link Activation#gelu}, which is PyTorch's exact (erf) GELU: DJL exposes no tanh
 * approximation, and writing one from seven NDArray ops would time DJL's per-op overhead rather than its
 * kernels. The two curves differ by less than 1e-3.
 */
final class DjlTransformerBlock extends AbstractBlock {
    private final int dim;
    private final int heads;
    private final int hidden;
    private final int context;
    private final LayerNorm ln1;
    private final Linear qkv;
    private final Linear proj;
    private final LayerNorm ln2;
    private final Linear up;
    private final Linear down;
    /** {@code context x context}: 0 on and below the diagonal, -inf above (a query sees no later key). */
    private NDArray causalMask;

    DjlTransformerBlock(int dim, int heads, int mlpRatio, int context) {
        this.dim = dim;
        this.heads = heads;
        this.hidden = dim * mlpRatio;
        this.context = context;
        ln1 = addChildBlock("ln1", LayerNorm.builder().axis(2).build());
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * dim).build());
        proj = addChildBlock("proj", Linear.builder().setUnits(dim).build());
        ln2 = addChildBlock("ln2", LayerNorm.builder().axis(2).build());
        up = addChildBlock("up", Linear.builder().setUnits(hidden).build());
        down = addChildBlock("down", Linear.builder().setUnits(dim).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray normed = ln1.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray h = x.add(attention(ps, normed, training));
        NDArray m = ln2.forward(ps, new NDList(h), training).singletonOrThrow();
        m = up.forward(ps, new NDList(m), training).singletonOrThrow();
        m = Activation.gelu(m);
        m = down.forward(ps, new NDList(m), training).singletonOrThrow();
        return new NDList(h.add(m));
    }

    private NDArray attention(ParameterStore ps, NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        long seq = x.getShape().get(1);
        long headDim = dim / heads;
        NDList parts = qkv.forward(ps, new NDList(x), training).singletonOrThrow().split(3, 2);
        NDArray q = parts.get(0).reshape(batch, seq, heads, headDim).transpose(0, 2, 1, 3);
        NDArray k = parts.get(1).reshape(batch, seq, heads, headDim).transpose(0, 2, 1, 3);
        NDArray v = parts.get(2).reshape(batch, seq, heads, headDim).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(headDim)).add(causalMask);
        NDArray out = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, seq, dim);
        return proj.forward(ps, new NDList(out), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        ln1.initialize(manager, dataType, in);
        qkv.initialize(manager, dataType, in);
        proj.initialize(manager, dataType, in);
        ln2.initialize(manager, dataType, in);
        up.initialize(manager, dataType, in);
        down.initialize(manager, dataType, new Shape(in.get(0), in.get(1), hidden));
        float[] mask = new float[context * context];
        for (int i = 0; i < context; i++) {
            for (int j = i + 1; j < context; j++) {
                mask[i * context + j] = Float.NEGATIVE_INFINITY;
            }
        }
        causalMask = manager.create(mask, new Shape(context, context));
    }
}
