package org.optsearch.optim.export;

/**
 * What a program value is in the generated Python. The language has two kinds (scalar and array); Python
 * splits scalars in two, because a scalar computed from a sum over the parameters is a 0-d tensor (an
 * array) that should stay on the device, while one computed from lr, hyperparameters and literals is a
 * plain Python float. Ordered: a function of several arguments has the greatest kind among them.
 */
enum PyKind {
    /** A Python float: lr, hyperparameters, literals and what is computed from them alone. */
    NUMBER,
    /** A 0-d tensor: a sum over all parameters and what is computed from it without arrays. */
    SCALAR_TENSOR,
    /** One tensor shaped like the parameter (in list form, a list with one per parameter). */
    ARRAY;

    static PyKind max(PyKind a, PyKind b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    boolean isScalar() {
        return this != ARRAY;
    }
}
