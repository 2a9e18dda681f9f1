package org.optsearch.lang;

/**
 * A named constant with a default, declared as a keyword parameter of the signature:
 * {@code def train(w, g, m, lr, beta1=0.9)}. The body uses it by name; the library overrides it by name.
 */
public record Hyperparameter(String name, double value) {
    public Hyperparameter {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("hyperparameter name must not be empty");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("hyperparameter " + name + " must be finite, got " + value);
        }
    }
}
