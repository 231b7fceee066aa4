package org.ruraledu.producers.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulator sent: the ground truth a test or an operator compares the pipeline's figures with. Counts by
 * name ({@code sent.MealReport}, {@code faults.late}, {@code episodes.boiler_failure}, ...) and the classroom
 * episodes themselves (school, rooms, first and last measuredAt).
 */
public final class SimulationStats {
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<ClimateEpisode> episodes = new ArrayList<>();

    synchronized void add(String what) {
        add(what, 1);
    }

    synchronized void add(String what, long n) {
        if (n > 0) {
            counts.merge(what, n, Long::sum);
        }
    }

    synchronized void episode(ClimateEpisode episode) {
        episodes.add(episode);
        add("episodes." + episode.kind().statName());
    }

    public synchronized long get(String what) {
        return counts.getOrDefault(what, 0L);
    }

    public synchronized Map<String, Long> snapshot() {
        return new TreeMap<>(counts);
    }

    /** The classroom episodes, in the order they were simulated. */
    public synchronized List<ClimateEpisode> episodes() {
        return List.copyOf(episodes);
    }

    @Override
    public synchronized String toString() {
        return counts + (episodes.isEmpty() ? "" : "; episodes: " + episodes);
    }
}
