package org.optsearch.cli;

import org.optsearch.search.Candidate;
import org.optsearch.search.Score;
import org.optsearch.search.SearchListener;
import org.optsearch.search.StageName;

/**
 * Passes every search event on to another listener through {@link #forward}, which a subclass may guard
 * (drop events after the store closed) or extend (print warnings). Every event method is forwarded here,
 * so a wrapper cannot silently lose one that a later version of {@link SearchListener} adds
 * ({@code SearchFinaleTest} checks it).
 */
abstract class ForwardingListener implements SearchListener {
    private final SearchListener inner;

    ForwardingListener(SearchListener inner) {
        this.inner = inner;
    }

    /** Runs one event on the inner listener; by default, just runs it. */
    protected void forward(Runnable event) {
        event.run();
    }

    @Override
    public void generated(Candidate candidate, Source source) {
        forward(() -> inner.generated(candidate, source));
    }

    @Override
    public void evaluated(Candidate candidate, StageName stage, Score score, int worker, double seconds) {
        forward(() -> inner.evaluated(candidate, stage, score, worker, seconds));
    }

    @Override
    public void populationChanged(Candidate added, double fitness, Candidate removed) {
        forward(() -> inner.populationChanged(added, fitness, removed));
    }

    @Override
    public void restarted(Candidate best, long generated) {
        forward(() -> inner.restarted(best, generated));
    }

    @Override
    public void note(String what) {
        forward(() -> inner.note(what));
    }

    @Override
    public void problem(Candidate candidate, String what) {
        forward(() -> inner.problem(candidate, what));
    }
}
