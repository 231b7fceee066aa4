package org.ruraledu.streams.alert;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.contract.Alert;
import org.ruraledu.serde.StateSerde;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.query.QueryStoreNames;
import org.ruraledu.topics.Topics;

/**
 * The alert lifecycle for every domain. A domain emits an {@link AlertCondition} whenever it learns something
 * about a condition (holds or cleared); the lifecycle guarantees one condition, one alert: OPEN once, UPDATED
 * when anything it says changes (severity, observed value, message, ...), RESOLVED when it clears, with a stable
 * alertId. Every state change goes to {@code ruraledu.alerts.v1} keyed by district; the current state of every
 * condition stays in the domain's alert store, which the query API reads with every other domain's.
 *
 * <pre>
 *   conditions → {name}-alert-lifecycle ({name}-alert-lifecycle-store, {name}-alert-open-store) → {name}-alert-sink
 * </pre>
 * Conditions are tracked where they are, in the task that emitted them, with stores of the domain's own. No
 * repartition: writing every condition again cost 185 MB for 9.5 MB of input in a benchmark. No shared store:
 * tasks that share a store are fused into one sub-topology, where urgent dropout alerts would wait behind a
 * backlog of meal reports (the lifecycle adds no such store; what the domains' intake shares still fuses them).
 *
 * <p>This asks one thing of a domain: <b>every condition of one alert is emitted in one task, in the order its
 * alerts must come out</b>. That holds for any domain whose conditions are derived from input keyed by school, as
 * ingest delivers it (meals: per school day; dropout: per pupil of a school, a case withdrawn before the case that
 * replaces it opens). A domain keyed otherwise must bring its records to the school's task before it emits
 * conditions.
 *
 * <p>Expiry: a condition about a bounded past ({@link AlertCondition.Expiry}, e.g. a school day that can be corrected
 * for {@code meals.correction.window.days}) is resolved by a daily check once that past can no longer change, with
 * a message that says so, and never opens again; the open store indexes the open alerts for that check and for the
 * query API.
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
    private final StreamsBuilder builder;
    private final Clock clock;
    private final Retention retention;

    public AlertLifecycle(StreamsBuilder builder, Clock clock, Retention retention) {
        this.builder = builder;
        this.clock = clock;
        this.retention = retention;
    }

    /** The domain's condition key ({@code {type}:{subject}}) → {@link TrackedAlert}, resolved ones included. */
    public static String storeName(String name) {
        return name + "-" + QueryStoreNames.ALERTS_SUFFIX;
    }

    /**
     * The domain's open alerts alone, same keys and values: what {@code /v1/alerts?state=OPEN} and the expiry check
     * read, so neither scans the resolved history. Bounded by what is open: day-bound conditions expire (meals:
     * schools x correction window), and a case-bound one closes with its case.
     */
    public static String openStoreName(String name) {
        return name + "-" + QueryStoreNames.OPEN_ALERTS_SUFFIX;
    }

    /**
     * Tracks the domain {@code name}'s conditions in the task that emitted them, in their order, with stores of the
     * domain's own: every condition of one alert must come from one task (see above).
     */
    public void track(String name, KStream<?, AlertCondition> conditions) {
        String store = storeName(name);
        String openStore = openStoreName(name);
        addStore(store);
        addStore(openStore);
        ProcessorSupplier<Object, AlertCondition, String, Alert> lifecycle =
                () -> new Lifecycle(clock, retention, store, openStore);
        conditions.process(lifecycle, Named.as(name + "-alert-lifecycle"), store, openStore)
                .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                        .withName(name + "-alert-sink"));
    }

    private void addStore(String store) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                new StateSerde<>(TrackedAlert.class)));
    }

    /** Input keys are the domain's own (e.g. the school): the condition key is in the condition. */
    private static final class Lifecycle implements Processor<Object, AlertCondition, String, Alert> {
        private final Clock clock;
        private final Retention retention;
        private final String storeName;
        private final String openStoreName;
        private ProcessorContext<String, Alert> context;
        private KeyValueStore<String, TrackedAlert> store;
        private KeyValueStore<String, TrackedAlert> openStore;

        Lifecycle(Clock clock, Retention retention, String storeName, String openStoreName) {
            this.clock = clock;
            this.retention = retention;
            this.storeName = storeName;
            this.openStoreName = openStoreName;
        }

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
            this.openStore = context.getStateStore(openStoreName);
            DailyCheck.schedule(context, clock, (today, timestamp) -> {
                resolveExpired(today, timestamp);
                forgetResolvedBefore(retention.horizon(today));
            });
        }

        @Override
        public void process(Record<Object, AlertCondition> in) {
            String key = in.value().key(); // the record key is the domain's (the school), not the condition's
            AlertTransitions.next(store.get(key), in.value(), clock.instant())
                    .ifPresent(tracked -> publish(key, tracked, in.timestamp()));
        }

        private void publish(String key, TrackedAlert tracked, long timestamp) {
            store.put(key, tracked);
            if (tracked.open()) {
                openStore.put(key, tracked);
            } else {
                StoreWrites.remove(openStore, key);
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
