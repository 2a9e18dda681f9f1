/**
 * Simplification (docs/method.md, section 4): {@link org.optsearch.search.simplify.Simplifier} removes dead
 * statements and slots, applies the table of algebraic {@link org.optsearch.search.simplify.Rule}s,
 * and greedily removes statements whose removal keeps fitness within a tolerance.
 */
package org.optsearch.search.simplify;
