/**
 * Custom proxy-task files: a task (model, data, training budget) described in JSON or YAML,
 * read into immutable records with errors that name the file, line:column and JSON path.
 *
 * <p>Entry point: {@link org.optsearch.train.task.spec.TaskSpecs}. The file format is described
 * in {@code docs/tasks.md}.
 */
package org.optsearch.train.task.spec;
