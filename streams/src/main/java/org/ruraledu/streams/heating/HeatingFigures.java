package org.ruraledu.streams.heating;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * What one counted reading adds to its school's figure of the day (summed by
 * {@link org.ruraledu.streams.kpi.SummedFigures}): one counted reading, in range or not, its temperature in tenths
 * of a degree as the day's coldest and hottest candidate, and, if the room was heated, the reading as the day's
 * latest heated one with its energy source ({@link #LATEST_HEATED}).
 */
final class HeatingFigures {
    static final String COUNTED = "counted";
    static final String IN_RANGE = "inRange";
    /** Temperature in tenths of a degree (exact longs), kept as the lowest and highest of the period. */
    static final String TENTHS_C = "tenthsC";
    /**
     * The day's latest heated reading: {@code measuredAt} (epoch ms) × 16 + the ordinal of its energy source, kept
     * as a max, so that the max is the latest reading and names its source (at the same instant the larger
     * ordinal: any order of arrival gives the same). Used for the energy figures only, never rolled up.
     */
    static final String LATEST_HEATED = Counts.highest("latestHeated");

    static final Metric COMPLIANCE = Metric.ratio("heating.compliance", IN_RANGE, COUNTED);
    static final Metric COLDEST = Metric.lowest("heating.coldest_room_c", TENTHS_C, 10);
    static final Metric HOTTEST = Metric.highest("heating.hottest_room_c", TENTHS_C, 10);

    private HeatingFigures() {}

    /** The reading's increment of its school day's figure; none when it counts nowhere. */
    static List<SchoolFigure> increment(Enriched<ClimateReading> in, ReadingJudge judge) {
        ClimateReading reading = in.record();
        Judgment judgment = judge.judge(reading);
        if (judgment == null) {
            return List.of();
        }
        long tenths = Math.round(reading.getTemperatureC() * 10);
        SortedMap<String, Long> counts = new TreeMap<>();
        counts.put(COUNTED, 1L);
        counts.put(IN_RANGE, judgment.inRange() ? 1L : 0L);
        counts.put(Counts.lowest(TENTHS_C), tenths);
        counts.put(Counts.highest(TENTHS_C), tenths);
        if (reading.getHeatingOn()) {
            counts.put(LATEST_HEATED, reading.getMeasuredAt().toEpochMilli() * 16
                    + reading.getEnergySource().ordinal());
        }
        return List.of(new SchoolFigure(in.schoolId(), in.district(), ReadingIds.day(reading), new Counts(counts)));
    }

    /** The energy source of a figure's latest heated reading; null when none was heated. */
    static EnergySource latestSource(SchoolFigure figure) {
        return figure == null || !figure.counts().has(LATEST_HEATED) ? null
                : EnergySource.values()[(int) (figure.counts().get(LATEST_HEATED) & 15)];
    }

    /** A school day's figure change as the reading KPIs see it (without the energy marker); none if no change. */
    static List<FigureChange> readingsOnly(FigureChange day) {
        SchoolFigure before = withoutMarker(day.before());
        SchoolFigure after = withoutMarker(day.after());
        return java.util.Objects.equals(before, after) ? List.of() : List.of(new FigureChange(before, after));
    }

    static SchoolFigure withoutMarker(SchoolFigure figure) {
        return figure == null ? null : new SchoolFigure(figure.schoolId(), figure.district(), figure.date(),
                figure.counts().without(LATEST_HEATED));
    }
}
