package org.ruraledu.streams.kpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plan's targets (the target catalog), by metric. Several targets may watch one metric (a 2025 threshold and
 * a 2027 one, or one per group of districts); which one judges a KPI is {@link #applying}.
 */
public final class Targets {
    private final String source;
    private final Map<String, Target> byId = new LinkedHashMap<>();
    private final Map<String, List<Target>> byMetric = new TreeMap<>();

    private Targets(String source, Collection<Target> targets) {
        this.source = source;
        for (Target target : targets) {
            Target clash = byId.putIfAbsent(target.targetId(), target);
            if (clash != null) {
                throw new IllegalArgumentException(where(target) + "duplicate target id '" + target.targetId()
                        + "' (first declared at line " + clash.line() + ")");
            }
            for (Target other : byMetric.getOrDefault(target.metric(), List.of())) {
                if (other.holdsFrom().equals(target.holdsFrom()) && other.sharesAScopeWith(target)) {
                    throw new IllegalArgumentException(where(target) + "target '" + target.targetId()
                            + "' and target '" + other.targetId() + "' (line " + other.line() + ") both judge "
                            + target.metric() + " from " + target.holdsFrom() + " in the same scope");
                }
            }
            byMetric.computeIfAbsent(target.metric(), m -> new ArrayList<>()).add(target);
        }
        byMetric.values().forEach(list -> list.sort(Comparator.comparing(Target::holdsFrom)));
    }

    public static Targets of(Collection<Target> targets) {
        return new Targets("targets", targets);
    }

    /** @param source how errors name the catalog, e.g. its file name */
    public static Targets of(String source, Collection<Target> targets) {
        return new Targets(source, targets);
    }

    /**
     * The target that judges a KPI of {@code metric} in {@code scope} for the period starting {@code day}: among
     * the metric's targets in that scope, the one that holds on that day (the latest {@code holdsFrom} not after
     * it), else the nearest one ahead (judged on the way there); empty when the metric has none in the scope.
     */
    public Optional<Target> applying(String scope, String metric, LocalDate day) {
        Target ahead = null;
        Target holding = null;
        for (Target target : byMetric.getOrDefault(metric, List.of())) {
            if (!target.appliesTo(scope)) {
                continue;
            }
            if (target.holdsOn(day)) {
                holding = target; // sorted by holdsFrom: the last that holds is the latest
            } else if (ahead == null) {
                ahead = target;
            }
        }
        return Optional.ofNullable(holding != null ? holding : ahead);
    }

    /** Whether any target watches {@code metric}. */
    public boolean watches(String metric) {
        return byMetric.containsKey(metric);
    }

    /** The target of that id: code that needs a threshold (an alert's) looks it up here, the one source. */
    public Target byId(String targetId) {
        Target target = byId.get(targetId);
        if (target == null) {
            throw new IllegalArgumentException(source + ": no target '" + targetId + "', which the pipeline uses");
        }
        return target;
    }

    /** The target of that id, if the catalog still has it (a KPI judged before a restart may name an old one). */
    public Optional<Target> find(String targetId) {
        return Optional.ofNullable(targetId == null ? null : byId.get(targetId));
    }

    public Collection<Target> all() {
        return byId.values();
    }

    /**
     * Stops the start if a target names a metric no domain computes (a typo). A metric is named after the domain
     * that computes it ({@code meals.coverage}); targets of a domain left out of this topology
     * ({@code absentDomains}: a topology of some domains only) are not judged here and not checked.
     */
    public void checkMetrics(Set<String> known, Set<String> absentDomains) {
        for (Target target : byId.values()) {
            if (!known.contains(target.metric()) && !absentDomains.contains(domainOf(target.metric()))) {
                throw new IllegalArgumentException(where(target) + "unknown metric '" + target.metric()
                        + "' in target '" + target.targetId() + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private static String domainOf(String metric) {
        int dot = metric.indexOf('.');
        return dot < 0 ? metric : metric.substring(0, dot);
    }

    private String where(Target target) {
        return source + (target.line() > 0 ? " line " + target.line() : "") + ": ";
    }
}
