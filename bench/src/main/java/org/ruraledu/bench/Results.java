package org.ruraledu.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, in the order the stages ran, plus facts about the run itself. */
public final class Results {
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> breakdowns = new LinkedHashMap<>();

    public void put(String key, String label, double value, String unit, String note) {
        figures.put(key, new Figure(key, label, value, unit, note, true));
    }

    /** A figure that may rightly be zero (a count of alerts, say): --quick does not insist on it. */
    public void putCount(String key, String label, double value, String unit, String note) {
        figures.put(key, new Figure(key, label, value, unit, note, false));
    }

    public void fact(String key, String value) {
        facts.put(key, value);
    }

    public String fact(String key) {
        return facts.getOrDefault(key, "");
    }

    /** Numbers by part (bytes per store, say), for a fact that compares them across stages. */
    public void breakdown(String key, Map<String, Long> parts) {
        breakdowns.put(key, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parts)));
    }

    public Map<String, Long> breakdown(String key) {
        return breakdowns.getOrDefault(key, Map.of());
    }

    public Map<String, String> facts() {
        return facts;
    }

    /** NaN when the figure was not measured. */
    public double value(String key) {
        Figure f = figures.get(key);
        return f == null ? Double.NaN : f.value();
    }

    public List<Figure> figures() {
        return new ArrayList<>(figures.values());
    }

    /** The figures that --quick insists on and that are missing, not finite, or zero. */
    public List<String> missing(List<String> expectedKeys) {
        List<String> missing = new ArrayList<>();
        for (String key : expectedKeys) {
            Figure f = figures.get(key);
            if (f == null || !f.produced()) {
                missing.add(key + (f == null ? " (not measured)" : " = " + f.value() + " " + f.note()));
            }
        }
        return missing;
    }
}
