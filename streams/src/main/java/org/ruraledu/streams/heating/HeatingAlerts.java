package org.ruraledu.streams.heating;

import org.apache.kafka.streams.kstream.KStream;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.ingest.Enriched;

/** HEATING_OUT_OF_RANGE per room (to be built: debounced runs of out-of-range readings on measuredAt). */
final class HeatingAlerts {
    private HeatingAlerts() {}

    /** {@code readings}: a school's accepted readings, retries already removed, keyed by schoolId. */
    static void track(Foundation f, KStream<String, Enriched<ClimateReading>> readings, ReadingJudge judge) {
        // placeholder: built by the heating-alerts work
    }
}
