/**
 * Writes an optimizer program as source code for other frameworks: a {@code torch.optim.Optimizer}
 * subclass, an optax {@code GradientTransformation}, or a Java class over this library
 * ({@code docs/export.md}). {@link org.optsearch.optim.export.Exporter} is the entry point.
 *
 * <p>The Python exports compute what {@code org.optsearch.exec.Semantics} says every function computes;
 * {@code TorchExportTest} runs them under PyTorch against the reference interpreter.
 */
package org.optsearch.optim.export;
