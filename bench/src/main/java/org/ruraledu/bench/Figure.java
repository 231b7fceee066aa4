package org.ruraledu.bench;

/**
 * One measured number of a run.
 *
 * @param key stable name, used by the goals and the history table
 * @param label what a reader sees in the table
 * @param value the number, NaN if the stage could not produce it
 * @param unit e.g. "records/s", "ms", "MiB"
 * @param note how it was measured, or what went wrong
 * @param required whether --quick fails when this figure is missing or zero (counts that can be 0 are not)
 */
public record Figure(String key, String label, double value, String unit, String note, boolean required) {
    public boolean produced() {
        return Double.isFinite(value) && (!required || value > 0);
    }
}
