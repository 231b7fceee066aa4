package org.ruraledu.streams.heating;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.ingest.Enriched;

/**
 * HEATING_OUT_OF_RANGE per classroom, debounced on measuredAt ({@link RoomRuns}: the rule, the night, the order of
 * arrival), tracked by the shared lifecycle in the school's task:
 * <pre>
 *   readings ─► heating-room-watch (heating-room-runs-store) ─► conditions ─► heating-alert-lifecycle ─► alerts.v1
 * </pre>
 */
final class HeatingAlerts {
    private HeatingAlerts() {}

    /** {@code readings}: a school's accepted readings, retries already removed, keyed by schoolId. */
    static void track(Foundation f, KStream<String, Enriched<ClimateReading>> readings, ReadingJudge judge) {
        RunRules rules = RunRules.from(f.settings());
        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RoomWatch.STORE),
                Serdes.String(), RoomStateSerde.serde()));
        KStream<String, AlertCondition> conditions = readings.process(() -> new RoomWatch(judge, rules, f.clock()),
                Named.as(Heating.NAME + "-room-watch"), RoomWatch.STORE);
        f.alerts().track(Heating.NAME, conditions);
    }
}
