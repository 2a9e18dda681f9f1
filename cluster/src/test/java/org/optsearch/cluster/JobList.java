package org.optsearch.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.optsearch.search.Evaluator;
import org.optsearch.search.Score;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.StageName;
import org.optsearch.search.WorkLoop;

/** A fixed list of jobs for a pool, as the search would hand them out, and what came back for each. */
final class JobList implements WorkLoop<SearchEngine.Job> {
    record Done(SearchEngine.Job job, Score score, int worker) {
    }

    private final Deque<SearchEngine.Job> jobs;
    private final Map<StageName, Evaluator> here;
    private final Function<SearchEngine.Job, Evaluator.References> references;
    final List<Done> done = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    /** @param here evaluates the jobs run in this JVM, by the stage whose tasks they train (A's: A and A2) */
    JobList(List<SearchEngine.Job> jobs, Map<StageName, Evaluator> here) {
        this(jobs, here, job -> null);
    }

    /** @param references what each job is scored against, sent to the workers (null: they train it) */
    JobList(List<SearchEngine.Job> jobs, Map<StageName, Evaluator> here,
            Function<SearchEngine.Job, Evaluator.References> references) {
        this.jobs = new ArrayDeque<>(jobs);
        this.here = here;
        this.references = references;
    }

    @Override
    public Evaluator.References references(SearchEngine.Job job) {
        return references.apply(job);
    }

    @Override
    public synchronized SearchEngine.Job next() {
        return jobs.poll();
    }

    @Override
    public Score run(SearchEngine.Job job) {
        return here.get(Evaluator.tasksOf(job.name())).evaluate(job.name(), job.candidate().analysis(), "candidate " + job.candidate().id(),
                job.multiplier(), System.nanoTime() + 60_000_000_000L);
    }

    @Override
    public void done(SearchEngine.Job job, Score score, int worker, double seconds) {
        done.add(new Done(job, score, worker));
    }

    @Override
    public void abandoned(SearchEngine.Job job, int worker, double seconds) {
        problems.add("abandoned " + job.candidate().id());
    }

    @Override
    public void stop() {
        synchronized (this) {
            jobs.clear();
        }
    }

    @Override
    public void problem(SearchEngine.Job job, String what) {
        problems.add("candidate " + job.candidate().id() + ": " + what);
    }
}
