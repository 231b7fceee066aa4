package org.ruraledu.streams.heating;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.StoreWrites;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.ingest.Rejection;
import org.ruraledu.streams.ingest.RejectionCode;

/**
 * Retries of classroom readings change nothing: a school's readingIds are remembered for the days of the reading
 * window ({@value #WINDOW_DAYS}: today and the days before), and a reading whose id was seen goes no further.
 * A reading measured before the window is dead-lettered {@code TOO_OLD} (processors {@code heating-reading-age},
 * {@code heating-too-old}, {@code heating-too-old-dead-letter}): its day's ids are forgotten, so its retry could
 * not be told from a first reading.
 *
 * <p>Store {@code heating-reading-ids-store}: {@code {measuredAt day}|{schoolId}|{readingId}} → nothing (presence).
 * The day first, so the daily check deletes the days past the window with one range scan. Bounded by readings per
 * day × (window + 1) days. Per reading one read and, for a new id, one write: this is the pipeline's bulk stream.
 */
final class ReadingIds {
    public static final String WINDOW_DAYS = RecordRules.READING_WINDOW_DAYS;
    static final String STORE = Heating.NAME + "-reading-ids-store";
    private static final byte[] SEEN = new byte[0];

    private ReadingIds() {}

    static int windowDays(Foundation f) {
        int days = f.settings().getInt(WINDOW_DAYS);
        if (days < 0) {
            throw new IllegalArgumentException(WINDOW_DAYS + " must not be negative, got " + days);
        }
        return days;
    }

    /** The readings measured within the window, each readingId once; the older ones dead-lettered. */
    static KStream<String, Enriched<ClimateReading>> firstOfEach(Foundation f,
            KStream<String, Enriched<ClimateReading>> readings, int windowDays) {
        Clock clock = f.clock();
        String age = Heating.NAME + "-reading-age";
        Map<String, KStream<String, Enriched<ClimateReading>>> byAge = readings.split(Named.as(age))
                .branch((school, reading) -> day(reading.record()).isBefore(horizon(clock, windowDays)),
                        Branched.as("-too-old"))
                .defaultBranch(Branched.as("-kept"));
        f.ingest().deadLetter(Heating.NAME + "-too-old", byAge.get(age + "-too-old").mapValues(reading ->
                reading.refused(refusal(day(reading.record()), horizon(clock, windowDays))),
                Named.as(Heating.NAME + "-too-old")));
        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()));
        return byAge.get(age + "-kept").process(() -> new Seen(windowDays, clock),
                Named.as(Heating.NAME + "-reading-ids"), STORE);
    }

    static LocalDate day(ClimateReading reading) {
        return LocalDate.ofInstant(reading.getMeasuredAt(), RecordRules.ZONE);
    }

    /** The first day of the window on the clock's today. */
    private static LocalDate horizon(Clock clock, int windowDays) {
        return LocalDate.ofInstant(clock.instant(), RecordRules.ZONE).minusDays(windowDays);
    }

    private static Rejection refusal(LocalDate day, LocalDate horizon) {
        return new Rejection(RejectionCode.TOO_OLD, "measuredAt", "measuredAt: " + day + " is before " + horizon
                + ", the first day of the reading window (" + WINDOW_DAYS + "): readingIds of older days are no"
                + " longer kept, so the reading could not be told from a retry");
    }

    private static final class Seen implements Processor<String, Enriched<ClimateReading>, String,
            Enriched<ClimateReading>> {
        private final int windowDays;
        private final Clock clock;
        private ProcessorContext<String, Enriched<ClimateReading>> context;
        private KeyValueStore<String, byte[]> store;

        Seen(int windowDays, Clock clock) {
            this.windowDays = windowDays;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, Enriched<ClimateReading>> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
            DailyCheck.schedule(context, clock, (today, timestamp) -> forgetBefore(today.minusDays(windowDays)));
        }

        @Override
        public void process(Record<String, Enriched<ClimateReading>> in) {
            ClimateReading reading = in.value().record();
            String key = day(reading) + "|" + in.value().schoolId() + "|" + reading.getReadingId();
            if (store.get(key) != null) {
                return; // a retry
            }
            store.put(key, SEEN);
            context.forward(in);
        }

        /**
         * Deletes the ids of days before {@code horizon}. Keys start with their day, so the store's order is the
         * days' order: the scan stops at the first key of the horizon's day or later.
         */
        private void forgetBefore(LocalDate horizon) {
            String first = horizon.toString();
            List<String> forgotten = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                while (all.hasNext()) {
                    String key = all.next().key;
                    if (key.compareTo(first) >= 0) {
                        break;
                    }
                    forgotten.add(key);
                }
            }
            forgotten.forEach(key -> StoreWrites.remove(store, key));
        }
    }
}
