package org.ruraledu.streams.heating;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.StoreWrites;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.ingest.Enriched;

/**
 * Watches every classroom of the task's schools ({@link RoomRuns}): per counted reading one read and one write of
 * the room's state in {@value #STORE} ({@code schoolId|roomId} → {@link RoomState}), and a condition only when the
 * alert changes. Readings the standard does not count, and those measured before the silence horizon, touch
 * nothing.
 *
 * <p>Bounded by rooms x the readings of the late tolerance: once a day ({@link DailyCheck}, wall clock) a room
 * whose newest counted reading is more than {@code heating.room.silence.days} days old is forgotten; its open
 * alert, if any, is resolved, saying that the room fell silent (out of season, holidays, a dead sensor). A reading
 * measured before that horizon is ignored, so a forgotten room is never rebuilt from its past.
 */
final class RoomWatch implements Processor<String, Enriched<ClimateReading>, String, AlertCondition> {
    static final String STORE = Heating.NAME + "-room-runs-store";

    private final ReadingJudge judge;
    private final RunRules rules;
    private final Clock clock;
    private ProcessorContext<String, AlertCondition> context;
    private KeyValueStore<String, RoomState> rooms;

    RoomWatch(ReadingJudge judge, RunRules rules, Clock clock) {
        this.judge = judge;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, AlertCondition> context) {
        this.context = context;
        this.rooms = context.getStateStore(STORE);
        DailyCheck.schedule(context, clock, this::forgetSilent);
    }

    @Override
    public void process(Record<String, Enriched<ClimateReading>> in) {
        ClimateReading reading = in.value().record();
        Judgment judged = judge.judge(reading);
        if (judged == null || day(reading.getMeasuredAt()).isBefore(silenceHorizon(today()))) {
            return;
        }
        String schoolId = in.value().schoolId();
        String key = schoolId + "|" + reading.getRoomId();
        RoomState room = rooms.get(key);
        if (room == null) {
            room = RoomState.empty();
        }
        RoomReading kept = new RoomReading(reading.getMeasuredAt().toEpochMilli(), judged.inRange(),
                judged.critical(), RoomStateSerde.hundredths(reading.getTemperatureC()));
        List<Change> changes = RoomRuns.add(room, kept, judged, in.value().district(),
                in.value().school().getName(), rules);
        if (changes == null) {
            return; // later than the tolerance: reshapes nothing
        }
        rooms.put(key, room);
        for (Change change : changes) {
            context.forward(new Record<>(in.key(),
                    RoomAlerts.condition(change, schoolId, reading.getRoomId(), rules.silenceDays()), in.timestamp()));
        }
    }

    /** Once a day: rooms silent since before the horizon are forgotten, their open alerts resolved. */
    private void forgetSilent(LocalDate today, long timestamp) {
        LocalDate horizon = silenceHorizon(today);
        List<KeyValue<String, RoomState>> silent = new ArrayList<>();
        try (KeyValueIterator<String, RoomState> all = rooms.all()) {
            all.forEachRemaining(entry -> {
                if (day(Instant.ofEpochMilli(entry.value.newest())).isBefore(horizon)) {
                    silent.add(entry);
                }
            });
        }
        for (KeyValue<String, RoomState> entry : silent) {
            StoreWrites.remove(rooms, entry.key);
            int bar = entry.key.indexOf('|');
            String schoolId = entry.key.substring(0, bar);
            String roomId = entry.key.substring(bar + 1);
            for (Change change : RoomRuns.forget(entry.value)) {
                context.forward(new Record<>(schoolId,
                        RoomAlerts.condition(change, schoolId, roomId, rules.silenceDays()), timestamp));
            }
        }
    }

    /** The first day whose readings still count here: {@code heating.room.silence.days} before today. */
    private LocalDate silenceHorizon(LocalDate today) {
        return today.minusDays(rules.silenceDays());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), RecordRules.ZONE);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, RecordRules.ZONE);
    }
}
