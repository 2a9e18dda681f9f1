package org.optsearch.store;

import java.util.List;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchState;

/**
 * What a stored run needs to go on: the engine's state rebuilt from the recorded events
 * ({@link StoredRun#resumePoint()}) through the engine's own event methods.
 *
 * @param configJson     the run's search config ({@link #config()} parses it)
 * @param lastSeq        the last event in the file
 * @param state          the search's state after the last event (population, caches, promotions, scored
 *                       programs, meta-validation curve whose seconds count from the run's first start,
 *                       counters); {@link #state()} hands out copies
 * @param unevaluated    programs sent to training on stage A whose result never came (the run stopped
 *                       first), in generation order
 * @param elapsedSeconds search time recorded by the last status snapshot (0 if none)
 * @param finished       whether the run had finished
 */
public record ResumePoint(String configJson, long lastSeq, SearchState state, List<StoredProgram> unevaluated,
        double elapsedSeconds, boolean finished) {

    public ResumePoint {
        unevaluated = List.copyOf(unevaluated);
        state = state.copy(ConfigJson.read(configJson), new SearchListener() { });
    }

    /** A copy of the state, for {@code new SearchEngine(config, tasks, store, clock, state)} or to look at. */
    @Override
    public SearchState state() {
        return state.copy(config(), new SearchListener() { });
    }

    /** The run's search config. */
    public SearchConfig config() {
        return ConfigJson.read(configJson);
    }

    /** The state's counters (generated is the largest program id: the next child is one more). */
    public SearchState.Counters counters() {
        return state.counters();
    }

    /** Every trained program (one per dataflow hash, first trained first) with its fitness on each stage. */
    public List<SearchResult.Entry> scored() {
        return state.scored();
    }

    /** The meta-validation curve: each new best on A with its B fitness. */
    public List<SearchResult.MetaPoint> meta() {
        return state.meta();
    }
}
