package org.ruraledu.streams.ingest;

import java.time.Clock;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.config.PipelineClock;

/**
 * In the owning domain's task: turns its accepted records into {@link Arrival}s, dropping a record that reports
 * no owed period ({@code periodOf} gives null) and one of the same period as the school's previous record. So a
 * school's classroom readings (one per room every 5 minutes, some 800 a school day) make one arrival per school
 * hour, a retried report none.
 *
 * <p>Store {@code {follower}-{kind}-arrivals-seen-store}: schoolId → the period of its latest arrival. One entry per
 * school, overwritten: bounded by the schools.
 */
final class FirstArrival<T> implements Processor<String, Enriched<T>, String, Arrival> {
    private final String storeName;
    private final String kind;
    private final Function<Enriched<T>, String> periodOf;
    private final Clock clock;
    private ProcessorContext<String, Arrival> context;
    private KeyValueStore<String, String> seen;

    FirstArrival(String storeName, String kind, Function<Enriched<T>, String> periodOf, Clock clock) {
        this.storeName = storeName;
        this.kind = kind;
        this.periodOf = periodOf;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Arrival> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Enriched<T>> in) {
        String period = periodOf.apply(in.value());
        if (period == null) {
            return;
        }
        String schoolId = in.value().schoolId();
        if (period.equals(seen.get(schoolId))) {
            return;
        }
        seen.put(schoolId, period);
        context.forward(new Record<>(schoolId, new Arrival(schoolId, kind, period,
                PipelineClock.timeOf(clock, in.timestamp())), in.timestamp()));
    }
}
