package org.ruraledu.streams.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.kpi.Target;
import org.ruraledu.streams.kpi.Targets;

/**
 * Judges TARGET_SLIPPED on the KPI changes of one rollup level, keyed by scope: per scope and target, an alert
 * opens when the status becomes SLIPPED (CRITICAL) or AT_RISK (WARNING), is UPDATED when it moves between those
 * two, and is RESOLVED only once the target has been met or back on the path for {@code resolveAfter}
 * consecutive periods, so that a figure hovering at the line does not flap. A figure of a period older than the
 * latest judged changes nothing (history); NO_DATA and NO_TARGET judge nothing. When another target of the metric
 * judges the scope now (the next stage of the plan), the old target's open alert resolves, saying so.
 *
 * <p>Store {@code {rollup}-{level}-target-watch-store}: {@code {scope}|{metric}|{targetId}} →
 * {@link TargetWatchState}, bounded by scopes x the catalog's targets (a few dozen entries; nothing to forget).
 */
final class TargetWatch implements Processor<String, Kpi, String, AlertCondition> {
    private final Targets targets;
    private final int resolveAfter;
    private final String storeName;
    private ProcessorContext<String, AlertCondition> context;
    private KeyValueStore<String, TargetWatchState> store;

    TargetWatch(Targets targets, int resolveAfter, String storeName) {
        this.targets = targets;
        this.resolveAfter = resolveAfter;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, AlertCondition> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Kpi> in) {
        Kpi kpi = in.value();
        Optional<Target> found = targets.find(kpi.targetId());
        if (found.isEmpty() || !(TargetWatchState.good(kpi.status()) || TargetWatchState.bad(kpi.status()))) {
            return;
        }
        Target target = found.get();
        supersede(kpi, target, in.timestamp());
        String key = key(kpi.scope(), kpi.metric(), target.targetId());
        TargetWatchState was = store.get(key);
        TargetWatchState now = (was == null ? TargetWatchState.NONE : was).judged(kpi.periodStart(), kpi.status());
        if (now == null) {
            return;
        }
        if (TargetWatchState.bad(kpi.status())) {
            if (now.open() != kpi.status()) {
                now = now.opened(kpi.status(), kpi.periodStart());
                forward(TargetAlerts.holding(kpi, target, kpi.status(), now.openedIn()), in.timestamp());
            }
        } else if (now.open() != null && now.goodRun() >= resolveAfter) {
            forward(TargetAlerts.metAgain(kpi, target, now.open(), now.openedIn(), now.goodRun()), in.timestamp());
            now = now.closed();
        }
        store.put(key, now);
    }

    /** Open alerts of the scope and metric about other targets: resolved, the scope is judged against this one now. */
    private void supersede(Kpi kpi, Target now, long timestamp) {
        List<KeyValue<String, TargetWatchState>> others = new ArrayList<>();
        String prefix = kpi.scope() + "|" + kpi.metric() + "|";
        try (KeyValueIterator<String, TargetWatchState> watched = store.prefixScan(prefix, Serdes.String().serializer())) {
            watched.forEachRemaining(entry -> {
                if (!entry.key.equals(prefix + now.targetId()) && entry.value.open() != null) {
                    others.add(entry);
                }
            });
        }
        for (KeyValue<String, TargetWatchState> other : others) {
            String oldId = other.key.substring(prefix.length());
            targets.find(oldId).ifPresent(old -> forward(
                    TargetAlerts.superseded(kpi, old, other.value.open(), now, other.value.openedIn()), timestamp));
            store.put(other.key, other.value.closed());
        }
    }

    static String key(String scope, String metric, String targetId) {
        return scope + "|" + metric + "|" + targetId;
    }

    private void forward(AlertCondition condition, long timestamp) {
        context.forward(new Record<>(condition.draft().district(), condition, timestamp));
    }
}
