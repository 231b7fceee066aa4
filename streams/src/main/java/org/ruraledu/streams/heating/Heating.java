package org.ruraledu.streams.heating;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.ruraledu.records.InputKind;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.streams.Domain;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.Period;
import org.ruraledu.streams.kpi.SchoolFigure;
import org.ruraledu.streams.kpi.SummedFigures;

/**
 * Classroom heating and cooling (取暖消暑), plan item 12: "2023: safe, clean heating and cooling in all rural
 * schools" (全面保障乡村学校安全、清洁取暖消暑). Classroom readings judged against the standard
 * ({@link ClimateStandard}): those of school hours in season count, the others are kept as received and count
 * nowhere. Retries change nothing ({@link ReadingIds}).
 *
 * <pre>
 *   readings → heating-reading-age (too old: dead letter) → heating-reading-ids (retries dropped)
 *     → HEATING_OUT_OF_RANGE ({@link HeatingAlerts})
 *     → heating-reading-figure → heating-summed-figures (per school and day, forwarded every heating.kpi.interval)
 *         → heating-reading-change → rollup "heating": compliance, coldest, hottest (day, month)
 *         → heating-energy-latest → rollup "heating-energy": clean energy share (day, month)
 * </pre>
 */
public final class Heating implements Domain {
    public static final String NAME = "heating";
    /** How often the readings summed per school and day go on to the KPIs. */
    public static final String KPI_INTERVAL = "heating.kpi.interval";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(Foundation f) {
        ClimateStandard standard = ClimateStandard.from(f.settings());
        int windowDays = ReadingIds.windowDays(f);
        Duration interval = f.settings().getDuration(KPI_INTERVAL);
        KStream<String, Enriched<ClimateReading>> readings = ReadingIds.firstOfEach(f,
                f.ingest().forDomain(NAME).stream(InputKind.CLIMATE_READINGS), windowDays);
        HeatingAlerts.track(f, readings, standard);

        KStream<String, SchoolFigure> increments = readings.flatMapValues(
                reading -> HeatingFigures.increment(reading, standard), Named.as(NAME + "-reading-figure"));
        KStream<String, FigureChange> days = SummedFigures.changes(f.builder(), NAME, increments, interval,
                windowDays, f.clock());
        f.kpis().rollUp(NAME, days.flatMapValues(HeatingFigures::readingsOnly, Named.as(NAME + "-reading-change")),
                Period.DAY, List.of(HeatingFigures.COMPLIANCE, HeatingFigures.COLDEST, HeatingFigures.HOTTEST));
        f.kpis().rollUpPerPeriod(EnergyFigures.ROLLUP, EnergyFigures.changes(f, days, standard, windowDays),
                List.of(EnergyFigures.CLEAN_SHARE));
    }
}
