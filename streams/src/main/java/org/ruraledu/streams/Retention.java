package org.ruraledu.streams;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.config.Settings;
import org.ruraledu.records.RetentionHorizon;
import org.ruraledu.streams.ingest.Rejection;
import org.ruraledu.streams.ingest.RejectionCode;

/**
 * How far back the application remembers per-report and per-condition state ({@value #DAYS} days, counted back
 * from today in the plan's city), so that stores stay bounded over years. What is forgotten must never be asked
 * about again: a record dated before the horizon is refused ({@link RejectionCode#TOO_OLD}), since its retry
 * could no longer be recognised as one. The arithmetic is {@link RetentionHorizon}'s, shared with the senders
 * (client library, gateway, {@code submit}), which refuse the same records before they reach Kafka.
 */
public record Retention(int days) {
    public static final String DAYS = RetentionHorizon.DAYS;

    public Retention {
        new RetentionHorizon(days); // validates
    }

    public static Retention from(Settings settings) {
        return new Retention(RetentionHorizon.from(settings).days());
    }

    /** The oldest day still remembered on {@code today}. */
    public LocalDate horizon(LocalDate today) {
        return arithmetic().horizon(today);
    }

    /** Whether {@code day} is forgotten (or about to be) on {@code today}; a null day (no date) never is. */
    public boolean tooOld(LocalDate day, LocalDate today) {
        return arithmetic().tooOld(day, today);
    }

    private RetentionHorizon arithmetic() {
        return new RetentionHorizon(days);
    }

    /** Why a record dated {@code day} ({@code field}) is refused on {@code today}. */
    public Rejection refusal(String field, LocalDate day, LocalDate today) {
        return new Rejection(RejectionCode.TOO_OLD, field, field + ": " + day + " is before " + horizon(today)
                + ", the retention horizon (" + DAYS + " = " + days + "): state of that day is no longer kept,"
                + " so the record could not be told from a retry");
    }

    /**
     * The daily sweep of one store: deletes every entry that {@code forgettable} says is past the horizon.
     * Keys are collected first and deleted after the scan, so the iterator never sees its own deletions.
     */
    public static <K, V> void forget(KeyValueStore<K, V> store, BiPredicate<K, V> forgettable) {
        List<K> forgotten = new ArrayList<>();
        try (KeyValueIterator<K, V> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (forgettable.test(entry.key, entry.value)) {
                    forgotten.add(entry.key);
                }
            });
        }
        forgotten.forEach(key -> StoreWrites.remove(store, key));
    }
}
