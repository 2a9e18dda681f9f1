package org.optsearch.train.nn;

/**
 * Double-precision forward passes of every layer, written as plain loops straight from the definitions and
 * sharing no code with the layers: the independent side of {@link GradientCheck}. Offsets name where each
 * tensor lies in the flat parameter buffer {@code w}.
 */
final class DoubleReference {

    private DoubleReference() {
    }

    /** {@code y[r][o] = b[o] + sum_i x[r][i] W[i][o]}, W row-major {@code in x out}. */
    static double[] dense(double[] w, int weight, int bias, double[] x, int xOff, int rows, int in, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = w[bias + o];
                for (int i = 0; i < in; i++) {
                    s += x[xOff + r * in + i] * w[weight + i * out + o];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    static double[] activation(Activation f, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            y[i] = switch (f) {
                case RELU -> v > 0 ? v : 0;
                case TANH -> Math.tanh(v);
                case GELU -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            };
        }
        return y;
    }

    static double[] layerNorm(double[] w, int gain, int bias, double[] x, int rows, int dim) {
        double[] y = new double[rows * dim];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < dim; i++) {
                mean += x[r * dim + i];
            }
            mean /= dim;
            double var = 0;
            for (int i = 0; i < dim; i++) {
                double d = x[r * dim + i] - mean;
                var += d * d;
            }
            var /= dim;
            for (int i = 0; i < dim; i++) {
                y[r * dim + i] = (x[r * dim + i] - mean) / Math.sqrt(var + 1e-5) * w[gain + i] + w[bias + i];
            }
        }
        return y;
    }

    /** Sum over rows of {@code -log softmax(logits)[label]}. */
    static double crossEntropySum(double[] logits, int[] labels, int rows, int classes) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[r * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[r * classes + c] - max);
            }
            loss -= logits[r * classes + labels[r]] - max - Math.log(sum);
        }
        return loss;
    }

    static double squaredErrorSum(double[] pred, double[] target) {
        double s = 0;
        for (int i = 0; i < pred.length; i++) {
            s += (pred[i] - target[i]) * (pred[i] - target[i]);
        }
        return s;
    }

    /** Row {@code b * seq + t} is table row {@code tokens[b * stride + t]}. */
    static double[] embedding(double[] w, int weight, int dim, int[] tokens, int batch, int seq, int stride) {
        double[] y = new double[batch * seq * dim];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seq; t++) {
                for (int d = 0; d < dim; d++) {
                    y[(b * seq + t) * dim + d] = w[weight + tokens[b * stride + t] * dim + d];
                }
            }
        }
        return y;
    }

    static double[] addPositions(double[] w, int weight, double[] x, int batch, int seq, int dim) {
        double[] y = new double[batch * seq * dim];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seq; t++) {
                for (int d = 0; d < dim; d++) {
                    y[(b * seq + t) * dim + d] = x[(b * seq + t) * dim + d] + w[weight + t * dim + d];
                }
            }
        }
        return y;
    }

    /** Multi-head self-attention, from the definition: one query, one key at a time. */
    static double[] attention(double[] w, String name, Offsets at, double[] x, int batch, int seq, int dim,
            int heads, boolean causal) {
        int rows = batch * seq;
        int hd = dim / heads;
        double[] qkv = dense(w, at.of(name + ".qkv.weight"), at.of(name + ".qkv.bias"), x, 0, rows, dim, 3 * dim);
        double[] outputs = new double[rows * dim];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < seq; i++) {
                    int visible = causal ? i + 1 : seq;
                    double[] score = new double[visible];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < visible; j++) {
                        double s = 0;
                        for (int d = 0; d < hd; d++) {
                            double q = qkv[(b * seq + i) * 3 * dim + h * hd + d];
                            double k = qkv[(b * seq + j) * 3 * dim + dim + h * hd + d];
                            s += q * k;
                        }
                        score[j] = s / Math.sqrt(hd);
                        max = Math.max(max, score[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < visible; j++) {
                        score[j] = Math.exp(score[j] - max);
                        sum += score[j];
                    }
                    for (int d = 0; d < hd; d++) {
                        double o = 0;
                        for (int j = 0; j < visible; j++) {
                            o += score[j] / sum * qkv[(b * seq + j) * 3 * dim + 2 * dim + h * hd + d];
                        }
                        outputs[(b * seq + i) * dim + h * hd + d] = o;
                    }
                }
            }
        }
        return dense(w, at.of(name + ".proj.weight"), at.of(name + ".proj.bias"), outputs, 0, rows, dim, dim);
    }

    /**
     * Cuts each image into tiles and projects them: output row {@code (b, gy, gx)} holds, at feature
     * {@code (py * patch + px) * channels + c}, the pixel at {@code (gy * patch + py, gx * patch + px)}.
     */
    static double[] patchEmbedding(double[] w, int weight, int bias, double[] images, int batch, int height,
            int width, int channels, int patch, int dim) {
        int gh = height / patch;
        int gw = width / patch;
        int patchDim = patch * patch * channels;
        double[] tiles = new double[batch * gh * gw * patchDim];
        for (int b = 0; b < batch; b++) {
            for (int gy = 0; gy < gh; gy++) {
                for (int gx = 0; gx < gw; gx++) {
                    for (int py = 0; py < patch; py++) {
                        for (int px = 0; px < patch; px++) {
                            for (int c = 0; c < channels; c++) {
                                int row = (b * gh + gy) * gw + gx;
                                int feature = (py * patch + px) * channels + c;
                                int pixel = ((gy * patch + py) * width + gx * patch + px) * channels + c;
                                tiles[row * patchDim + feature] = images[b * height * width * channels + pixel];
                            }
                        }
                    }
                }
            }
        }
        return dense(w, weight, bias, tiles, 0, batch * gh * gw, patchDim, dim);
    }

    /** Where named tensors lie in the flat buffer. */
    @FunctionalInterface
    interface Offsets {
        int of(String name);
    }
}
