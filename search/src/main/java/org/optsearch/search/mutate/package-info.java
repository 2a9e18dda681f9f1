/**
 * The mutations of the search (docs/method.md, section 3): {@link org.optsearch.search.mutate.Mutator} makes a
 * valid child of a program by inserting, deleting or modifying one statement, with the weights, function
 * set and length cap of a {@link org.optsearch.search.mutate.MutationConfig}; its
 * {@link org.optsearch.search.mutate.Mutator#mutateConstants mutateConstants} is the {@code constants}
 * baseline (only constants change), and {@link org.optsearch.search.mutate.RandomProgram} the {@code random}
 * baseline. Children are checked by abstract execution and carry their
 * {@link org.optsearch.lang.Analysis}, so the search reads the dataflow hash without analysing again.
 * Every draw comes from the {@link java.util.SplittableRandom} passed in.
 */
package org.optsearch.search.mutate;
