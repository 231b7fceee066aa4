package org.ruraledu.streams.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Retention;

/**
 * Figures summed per school and date before the rollup, for a domain whose input is many small increments (a
 * classroom reading every 5 minutes per room): each increment adds its counters (sums, and extremes by min/max:
 * see {@link Counts}) to its school's figure of its date, in the school's task, and the figures that changed go on
 * to the rollup as {@link FigureChange}s once per {@code interval} (wall clock), not once per increment. So a burst
 * of increments becomes one contribution per school and date, and the rollup's repartition carries few records.
 *
 * <p>A dated figure stays in the district of its first increment (a school that moves later takes its standing
 * figures along, not its past days).
 *
 * <p>Per increment: one read and one write of the store (cached: the changelog gets a key's last value per commit).
 * What has not gone on yet is told by the entry itself (the figure as last forwarded differs from the sum), so a
 * restart loses nothing: the entries still to forward are found again on init.
 *
 * <p>Store {@code {name}-summed-figures-store}: {@code {schoolId}|{date}} → {@link Summed}. Processor
 * {@code {name}-summed-figures}. Bounded by schools × (keepDays + 1) dates: once a day, after forwarding what is
 * pending, the figures dated before {@code today - keepDays} are deleted; the domain must refuse increments that
 * old (a figure forgotten and started again would count twice).
 */
public final class SummedFigures {
    private SummedFigures() {}

    /** A school's figure of one date and the counters last forwarded for it (null: never). */
    public record Summed(SchoolFigure figure, Counts forwarded) {
        boolean pending() {
            return !figure.counts().equals(forwarded);
        }

        SchoolFigure forwardedFigure() {
            return forwarded == null ? null
                    : new SchoolFigure(figure.schoolId(), figure.district(), figure.date(), forwarded);
        }
    }

    public static String storeName(String name) {
        return name + "-summed-figures-store";
    }

    /**
     * @param increments keyed by schoolId (as ingest delivers them, no repartition): what one input adds to its
     *                   school's figure of its date
     * @param interval   how often (wall clock) the changed figures go on
     * @param keepDays   days back from today that figures are kept (and increments accepted by the domain)
     */
    public static KStream<String, FigureChange> changes(StreamsBuilder builder, String name,
            KStream<String, SchoolFigure> increments, Duration interval, int keepDays, Clock clock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + ": the interval of summed figures must be positive");
        }
        String store = storeName(name);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                RollupSerdes.SUMMED).withCachingEnabled());
        return increments.process(() -> new Sums(store, interval, keepDays, clock), Named.as(name + "-summed-figures"),
                store);
    }

    static String keyOf(String schoolId, LocalDate date) {
        return schoolId + "|" + date;
    }

    private static LocalDate dateOf(String key) {
        return LocalDate.parse(key.substring(key.lastIndexOf('|') + 1));
    }

    private static final class Sums implements Processor<String, SchoolFigure, String, FigureChange> {
        private final String storeName;
        private final Duration interval;
        private final int keepDays;
        private final Clock clock;
        /** Keys whose figure changed since it last went on; rebuilt from the store on init. */
        private final Set<String> pending = new LinkedHashSet<>();
        private ProcessorContext<String, FigureChange> context;
        private KeyValueStore<String, Summed> store;

        Sums(String storeName, Duration interval, int keepDays, Clock clock) {
            this.storeName = storeName;
            this.interval = interval;
            this.keepDays = keepDays;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, FigureChange> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
            try (KeyValueIterator<String, Summed> all = store.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value.pending()) {
                        pending.add(entry.key);
                    }
                });
            }
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::forwardPending);
            DailyCheck.schedule(context, clock, (today, timestamp) -> {
                forwardPending(timestamp);
                LocalDate horizon = today.minusDays(keepDays);
                Retention.forget(store, (key, summed) -> dateOf(key).isBefore(horizon));
            });
        }

        @Override
        public void process(Record<String, SchoolFigure> in) {
            SchoolFigure increment = in.value();
            String key = keyOf(increment.schoolId(), increment.date());
            Summed was = store.get(key);
            Summed now = was == null ? new Summed(increment, null)
                    : new Summed(new SchoolFigure(increment.schoolId(), was.figure().district(), increment.date(),
                            was.figure().counts().plus(increment.counts())), was.forwarded());
            if (was != null && now.figure().equals(was.figure())) {
                return; // e.g. a reading neither colder nor warmer than the day's extremes, and no sum
            }
            store.put(key, now);
            pending.add(key);
        }

        private void forwardPending(long timestamp) {
            if (pending.isEmpty()) {
                return;
            }
            List<String> keys = new ArrayList<>(pending);
            pending.clear();
            for (String key : keys) {
                Summed summed = store.get(key);
                if (summed == null || !summed.pending()) {
                    continue;
                }
                store.put(key, new Summed(summed.figure(), summed.figure().counts()));
                context.forward(new Record<>(summed.figure().schoolId(),
                        new FigureChange(summed.forwardedFigure(), summed.figure()), timestamp));
            }
        }
    }
}
