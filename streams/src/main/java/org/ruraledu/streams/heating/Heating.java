package org.ruraledu.streams.heating;

import java.util.List;
import org.apache.kafka.streams.kstream.KStream;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.records.InputKind;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.streams.Domain;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.Target;

/**
 * Classroom heating and cooling (取暖消暑), plan item 12: classroom readings judged against the standard
 * ({@link ClimateStandard}), HEATING_OUT_OF_RANGE per room ({@link HeatingAlerts}).
 */
public final class Heating implements Domain {
    public static final String NAME = "heating";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Target> targets() {
        return List.of();
    }

    @Override
    public void build(Foundation f) {
        KStream<String, Enriched<ClimateReading>> readings = f.ingest().forDomain(NAME)
                .stream(InputKind.CLIMATE_READINGS);
        ReadingJudge standard = ClimateStandard.defaults(SchoolCalendar.from(f.settings()));
        HeatingAlerts.track(f, readings, standard);
    }
}
