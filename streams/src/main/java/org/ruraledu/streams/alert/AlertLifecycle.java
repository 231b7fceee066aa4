package org.ruraledu.streams.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.contract.Alert;
import org.ruraledu.serde.JsonSerde;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Retention;
import org.ruraledu.topics.Topics;

/**
 * The alert lifecycle for every domain. A domain emits an {@link AlertCondition} whenever it learns something
 * about a condition (holds or cleared); the lifecycle guarantees one condition, one alert: OPEN once, UPDATED
 * when anything it says changes (severity, observed value, message, ...), RESOLVED when it clears, with a stable alertId. Every state
 * change goes to {@code ruraledu.alerts.v1} keyed by district; the current state of every condition stays in
 * the one alert store that the query API reads.
 *
 * <pre>
 *   conditions → {name}-alert-condition-key → {app}-{name}-alert-conditions-repartition
 *              → {name}-alert-lifecycle (alert-lifecycle-store) → {name}-alert-sink
 * </pre>
 * Conditions are repartitioned (by condition key, unless the domain chooses a partition key), so a domain may
 * derive them from any keying it likes.
 *
 * <p>Retention: once a day ({@link DailyCheck}) a RESOLVED condition last updated before the {@link Retention}
 * horizon is forgotten; an open one never is. A forgotten condition cannot come back (which would reopen it as
 * life 1, reusing an old alertId): every condition's key carries the day it is about, and no record of that day is
 * accepted any more. A meal condition's subject is its school day, which is before the horizon (the alert was
 * updated on or after it), so its reports are refused TOO_OLD. A dropout condition's subject is its case, whose
 * id carries the day it opened; a pupil's history reshapes only the {@code dropout.late.event.window.days}
 * before its newest event (far less than the horizon), and events dated before the horizon are refused TOO_OLD,
 * so no event can touch that case again.
 */
public final class AlertLifecycle {
    /** Condition key ({@code {type}:{subject}}) → {@link TrackedAlert}. */
    public static final String STORE = "alert-lifecycle-store";
    private static final JsonSerde<AlertCondition> CONDITIONS = new JsonSerde<>(AlertCondition.class);

    private final Clock clock;
    private final Retention retention;

    public AlertLifecycle(StreamsBuilder builder, Clock clock, Retention retention) {
        this.clock = clock;
        this.retention = retention;
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                new JsonSerde<>(TrackedAlert.class)));
    }

    /** Conditions partitioned by their own key: enough when no two conditions' alerts must keep their order. */
    public void track(String name, KStream<?, AlertCondition> conditions) {
        track(name, conditions, AlertCondition::key);
    }

    /**
     * Conditions partitioned by {@code partitionKey}. Only conditions on one partition keep the order the domain
     * emitted them in, so conditions whose alerts must come out in order (a case withdrawn before the case that
     * replaces it opens) need the same partition key. The partition key must be a function of the condition key:
     * every condition of one alert must reach the one task that tracks it.
     */
    public void track(String name, KStream<?, AlertCondition> conditions,
            Function<AlertCondition, String> partitionKey) {
        conditions
                .selectKey((key, condition) -> partitionKey.apply(condition), Named.as(name + "-alert-condition-key"))
                .repartition(Repartitioned.<String, AlertCondition>as(name + "-alert-conditions")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(CONDITIONS))
                .process(() -> new Lifecycle(clock, retention), Named.as(name + "-alert-lifecycle"), STORE)
                .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                        .withName(name + "-alert-sink"));
    }

    private static final class Lifecycle implements Processor<String, AlertCondition, String, Alert> {
        private final Clock clock;
        private final Retention retention;
        private ProcessorContext<String, Alert> context;
        private KeyValueStore<String, TrackedAlert> store;

        Lifecycle(Clock clock, Retention retention) {
            this.clock = clock;
            this.retention = retention;
        }

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
            // Every domain's lifecycle shares the store, so each runs this check: the first finds the work done.
            DailyCheck.schedule(context, clock, (today, timestamp) -> forgetResolvedBefore(retention.horizon(today)));
        }

        @Override
        public void process(Record<String, AlertCondition> in) {
            String key = in.value().key(); // the record key is the partition key, not always the condition's
            AlertTransitions.next(store.get(key), in.value(), clock.instant()).ifPresent(tracked -> {
                store.put(key, tracked);
                Alert alert = tracked.latest();
                context.forward(new Record<>(alert.district(), alert, in.timestamp()));
            });
        }

        /** Deletes the RESOLVED conditions last updated before {@code horizon} (collected first: not while iterating). */
        private void forgetResolvedBefore(LocalDate horizon) {
            Retention.forget(store, (key, tracked) -> tracked.resolvedBefore(horizon));
        }
    }
}
