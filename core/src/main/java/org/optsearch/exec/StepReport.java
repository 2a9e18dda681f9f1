package org.optsearch.exec;

/**
 * What one optimizer step did besides updating the buffers.
 *
 * @param nonFinite how many of the values written (new weights and new state) are NaN or infinite
 */
public record StepReport(long nonFinite) {
    public static final StepReport CLEAN = new StepReport(0);

    public boolean finite() {
        return nonFinite == 0;
    }
}
