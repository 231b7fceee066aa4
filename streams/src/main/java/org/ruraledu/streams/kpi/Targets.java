package org.ruraledu.streams.kpi;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The plan targets of every domain, by metric: each domain declares its own, the topology collects them. */
public final class Targets {
    private final Map<String, Target> byMetric = new TreeMap<>();

    private Targets(Collection<Target> targets) {
        for (Target target : targets) {
            Target clash = byMetric.putIfAbsent(target.metric(), target);
            if (clash != null) {
                throw new IllegalArgumentException("two targets for metric " + target.metric() + ": "
                        + clash.targetId() + " and " + target.targetId());
            }
        }
    }

    public static Targets of(Collection<Target> targets) {
        return new Targets(targets);
    }

    public Optional<Target> forMetric(String metric) {
        return Optional.ofNullable(byMetric.get(metric));
    }
}
