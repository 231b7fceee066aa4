package org.ruraledu.streams.heating;

import java.time.LocalDate;
import java.time.MonthDay;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.ClimateReading;

/**
 * The classroom standard (取暖消暑): a reading counts when it was measured in school hours of a school day
 * ({@link SchoolCalendar}) in the heating or the cooling season; it is in range at or above the heating minimum in
 * the heating season, at or below the cooling maximum in the cooling season; CRITICAL beyond the critical limits.
 */
public final class ClimateStandard implements ReadingJudge {
    private final SchoolCalendar calendar;
    private final MonthDay heatingFrom;
    private final MonthDay heatingTo;
    private final MonthDay coolingFrom;
    private final MonthDay coolingTo;
    private final double heatingMinC;
    private final double coolingMaxC;
    private final double criticalColdC;
    private final double criticalHotC;

    public ClimateStandard(SchoolCalendar calendar, MonthDay heatingFrom, MonthDay heatingTo, MonthDay coolingFrom,
            MonthDay coolingTo, double heatingMinC, double coolingMaxC, double criticalColdC, double criticalHotC) {
        this.calendar = calendar;
        this.heatingFrom = heatingFrom;
        this.heatingTo = heatingTo;
        this.coolingFrom = coolingFrom;
        this.coolingTo = coolingTo;
        this.heatingMinC = heatingMinC;
        this.coolingMaxC = coolingMaxC;
        this.criticalColdC = criticalColdC;
        this.criticalHotC = criticalHotC;
    }

    /** The defaults: heating 15 Nov - 31 Mar (18 °C, CRITICAL below 14), cooling 1 Jun - 15 Sep (28 °C, above 32). */
    public static ClimateStandard defaults(SchoolCalendar calendar) {
        return new ClimateStandard(calendar, MonthDay.of(11, 15), MonthDay.of(3, 31), MonthDay.of(6, 1),
                MonthDay.of(9, 15), 18, 28, 14, 32);
    }

    @Override
    public Judgment judge(ClimateReading reading) {
        if (!calendar.isSchoolTime(reading.getMeasuredAt())) {
            return null;
        }
        MonthDay day = MonthDay.from(LocalDate.ofInstant(reading.getMeasuredAt(), RecordRules.ZONE));
        double t = reading.getTemperatureC();
        if (within(day, heatingFrom, heatingTo)) {
            return new Judgment(Judgment.Season.HEATING, t >= heatingMinC, t < criticalColdC, heatingMinC);
        }
        if (within(day, coolingFrom, coolingTo)) {
            return new Judgment(Judgment.Season.COOLING, t <= coolingMaxC, t > criticalHotC, coolingMaxC);
        }
        return null;
    }

    /** {@code day} in [from, to], a season that may run over the new year (15 Nov - 31 Mar). */
    private static boolean within(MonthDay day, MonthDay from, MonthDay to) {
        return from.isAfter(to) ? !day.isBefore(from) || !day.isAfter(to) : !day.isBefore(from) && !day.isAfter(to);
    }
}
