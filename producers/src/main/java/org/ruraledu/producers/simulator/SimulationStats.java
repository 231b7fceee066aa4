package org.ruraledu.producers.simulator;

import java.util.Map;
import java.util.TreeMap;

/** What the simulator sent: the ground truth a test or an operator compares the pipeline's figures with. */
public final class SimulationStats {
    private final Map<String, Long> counts = new TreeMap<>();

    synchronized void add(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    public synchronized long get(String what) {
        return counts.getOrDefault(what, 0L);
    }

    public synchronized Map<String, Long> snapshot() {
        return new TreeMap<>(counts);
    }

    @Override
    public synchronized String toString() {
        return counts.toString();
    }
}
