package org.ruraledu.streams.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
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
 * <p>Expiry: a condition about a bounded past ({@link AlertCondition.Expiry}, e.g. a school day that can be corrected
 * for {@code meals.correction.window.days}) is resolved by a daily check once that past can no longer change, with
 * a message that says so, and never opens again; {@value #OPEN_STORE} indexes the open alerts for that check and
 * for the query API.
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
    /**
     * The open alerts alone, same keys and values: what {@code /v1/alerts?state=OPEN} and the expiry check read, so
     * neither scans the resolved history. Bounded by what is open: day-bound conditions expire (meals: schools x
     * correction window), and a case-bound one closes with its case.
     */
    public static final String OPEN_STORE = "alert-open-store";
    private static final JsonSerde<AlertCondition> CONDITIONS = new JsonSerde<>(AlertCondition.class);

    private final Clock clock;
    private final Retention retention;

    public AlertLifecycle(StreamsBuilder builder, Clock clock, Retention retention) {
        this.clock = clock;
        this.retention = retention;
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                new JsonSerde<>(TrackedAlert.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_STORE), Serdes.String(),
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
                .process(() -> new Lifecycle(clock, retention), Named.as(name + "-alert-lifecycle"), STORE, OPEN_STORE)
                .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                        .withName(name + "-alert-sink"));
    }

    private static final class Lifecycle implements Processor<String, AlertCondition, String, Alert> {
        private final Clock clock;
        private final Retention retention;
        private ProcessorContext<String, Alert> context;
        private KeyValueStore<String, TrackedAlert> store;
        private KeyValueStore<String, TrackedAlert> openStore;

        Lifecycle(Clock clock, Retention retention) {
            this.clock = clock;
            this.retention = retention;
        }

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
            this.openStore = context.getStateStore(OPEN_STORE);
            // Every domain's lifecycle shares the stores, so each runs these checks: the first finds the work done.
            DailyCheck.schedule(context, clock, (today, timestamp) -> {
                resolveExpired(today, timestamp);
                forgetResolvedBefore(retention.horizon(today));
            });
        }

        @Override
        public void process(Record<String, AlertCondition> in) {
            String key = in.value().key(); // the record key is the partition key, not always the condition's
            AlertTransitions.next(store.get(key), in.value(), clock.instant())
                    .ifPresent(tracked -> publish(key, tracked, in.timestamp()));
        }

        private void publish(String key, TrackedAlert tracked, long timestamp) {
            store.put(key, tracked);
            if (tracked.open()) {
                openStore.put(key, tracked);
            } else {
                openStore.delete(key);
            }
            Alert alert = tracked.latest();
            context.forward(new Record<>(alert.district(), alert, timestamp));
        }

        /** Once a day: the open alerts about a past that can no longer change are resolved, saying why. */
        private void resolveExpired(LocalDate today, long timestamp) {
            List<KeyValue<String, TrackedAlert>> expired = new ArrayList<>();
            try (KeyValueIterator<String, TrackedAlert> open = openStore.all()) {
                open.forEachRemaining(entry -> {
                    if (entry.value.expiredOn(today)) {
                        expired.add(entry);
                    }
                });
            }
            Instant now = clock.instant();
            expired.forEach(entry -> publish(entry.key, AlertTransitions.expired(entry.value, now), timestamp));
        }

        /** Deletes the RESOLVED conditions last updated before {@code horizon} (collected first: not while iterating). */
        private void forgetResolvedBefore(LocalDate horizon) {
            Retention.forget(store, (key, tracked) -> tracked.resolvedBefore(horizon));
        }
    }
}
