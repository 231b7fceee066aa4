package org.ruraledu.streams.heating;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.config.Settings;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;

/**
 * The classroom standard (取暖消暑): a reading counts when it was measured in school hours of a school day
 * ({@link SchoolCalendar}) in the heating or the cooling season; it is in range at or above the heating minimum in
 * the heating season, at or below the cooling maximum in the cooling season; CRITICAL beyond the critical limits.
 *
 * <p>Defaults and their sources:
 * <ul>
 *   <li>heating season 15 November to 31 March: Shandong's urban heating period is 15 November to 15 March
 *       (山东省城市供热条例, the provincial urban heating regulation); schools still heat in the cold weeks of
 *       spring term after that (term starts early March), so the plan's default runs to the end of March;</li>
 *   <li>at least 18 °C when heating: GB/T 17225-2017 (中小学校采暖教室微小气候卫生要求, in force 2018-05-01),
 *       the hygiene standard for heated classrooms of primary and secondary schools;</li>
 *   <li>cooling season 1 June to 15 September, at most 28 °C: the plan's defaults (the summer weeks of both
 *       terms);</li>
 *   <li>CRITICAL below 14 °C or above 32 °C; clean energy: every source but COAL and NONE.</li>
 * </ul>
 * Each is a setting ({@code heating.season.from}, ..., see {@link #from}), checked at start.
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
    private final Set<EnergySource> cleanSources;

    public static final String HEATING_FROM = "heating.season.from";
    public static final String HEATING_TO = "heating.season.to";
    public static final String COOLING_FROM = "cooling.season.from";
    public static final String COOLING_TO = "cooling.season.to";
    public static final String HEATING_MIN = "heating.min.c";
    public static final String COOLING_MAX = "cooling.max.c";
    public static final String CRITICAL_COLD = "heating.critical.cold.c";
    public static final String CRITICAL_HOT = "cooling.critical.hot.c";
    public static final String CLEAN_SOURCES = "heating.clean.sources";

    /** Every source but COAL and NONE. */
    public static final Set<EnergySource> DEFAULT_CLEAN = Set.copyOf(
            EnumSet.complementOf(EnumSet.of(EnergySource.COAL, EnergySource.NONE)));

    public ClimateStandard(SchoolCalendar calendar, MonthDay heatingFrom, MonthDay heatingTo, MonthDay coolingFrom,
            MonthDay coolingTo, double heatingMinC, double coolingMaxC, double criticalColdC, double criticalHotC) {
        this(calendar, heatingFrom, heatingTo, coolingFrom, coolingTo, heatingMinC, coolingMaxC, criticalColdC,
                criticalHotC, DEFAULT_CLEAN);
    }

    public ClimateStandard(SchoolCalendar calendar, MonthDay heatingFrom, MonthDay heatingTo, MonthDay coolingFrom,
            MonthDay coolingTo, double heatingMinC, double coolingMaxC, double criticalColdC, double criticalHotC,
            Set<EnergySource> cleanSources) {
        this.cleanSources = Set.copyOf(cleanSources);
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

    /**
     * The standard of the settings, on the calendar of {@code calendar.file}. Refuses settings that cannot be
     * meant, naming the setting: a day that is no {@code --MM-DD}, seasons that overlap, a limit outside
     * -40..60 °C or a critical limit on the wrong side of its limit, an unknown energy source.
     */
    public static ClimateStandard from(Settings settings) {
        return from(settings, SchoolCalendar.from(settings));
    }

    public static ClimateStandard from(Settings settings, SchoolCalendar calendar) {
        MonthDay heatingFrom = day(settings, HEATING_FROM);
        MonthDay heatingTo = day(settings, HEATING_TO);
        MonthDay coolingFrom = day(settings, COOLING_FROM);
        MonthDay coolingTo = day(settings, COOLING_TO);
        double heatingMin = celsius(settings, HEATING_MIN);
        double coolingMax = celsius(settings, COOLING_MAX);
        double criticalCold = celsius(settings, CRITICAL_COLD);
        double criticalHot = celsius(settings, CRITICAL_HOT);
        if (criticalCold > heatingMin) {
            throw new IllegalArgumentException(CRITICAL_COLD + " (" + criticalCold + ") must not be above "
                    + HEATING_MIN + " (" + heatingMin + ")");
        }
        if (criticalHot < coolingMax) {
            throw new IllegalArgumentException(CRITICAL_HOT + " (" + criticalHot + ") must not be below "
                    + COOLING_MAX + " (" + coolingMax + ")");
        }
        for (MonthDay end : List.of(coolingFrom, coolingTo)) {
            if (within(end, heatingFrom, heatingTo)) {
                throw new IllegalArgumentException(COOLING_FROM + ".." + COOLING_TO + " (" + coolingFrom + ".."
                        + coolingTo + ") must not overlap " + HEATING_FROM + ".." + HEATING_TO + " (" + heatingFrom
                        + ".." + heatingTo + ")");
            }
        }
        if (within(heatingFrom, coolingFrom, coolingTo)) {
            throw new IllegalArgumentException(HEATING_FROM + ".." + HEATING_TO + " must not overlap "
                    + COOLING_FROM + ".." + COOLING_TO);
        }
        return new ClimateStandard(calendar, heatingFrom, heatingTo, coolingFrom, coolingTo, heatingMin, coolingMax,
                criticalCold, criticalHot, sources(settings));
    }

    /** {@code --MM-DD} (ISO) or {@code MM-DD}. */
    private static MonthDay day(Settings settings, String key) {
        String value = settings.get(key).trim();
        try {
            return MonthDay.parse(value.startsWith("--") ? value : "--" + value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a day of the year like --11-15 or"
                    + " 11-15, got '" + value + "'");
        }
    }

    private static double celsius(Settings settings, String key) {
        String value = settings.get(key).trim();
        double c;
        try {
            c = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            c = Double.NaN;
        }
        if (!(c >= -40 && c <= 60)) {
            throw new IllegalArgumentException("setting '" + key + "' must be a temperature between -40 and 60 °C,"
                    + " got '" + value + "'");
        }
        return c;
    }

    private static Set<EnergySource> sources(Settings settings) {
        List<String> unknown = new ArrayList<>();
        Set<EnergySource> clean = EnumSet.noneOf(EnergySource.class);
        for (String name : settings.get(CLEAN_SOURCES).split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                clean.add(EnergySource.valueOf(name.trim()));
            } catch (IllegalArgumentException e) {
                unknown.add(name.trim());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("setting '" + CLEAN_SOURCES + "': unknown energy source(s) " + unknown
                    + "; known: " + List.of(EnergySource.values()));
        }
        return clean;
    }

    /** Whether heating by {@code source} is clean heating (清洁取暖). */
    public boolean isClean(EnergySource source) {
        return cleanSources.contains(source);
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

    /** Whether {@code day} lies in the heating season (heated schools owe classroom readings then: reporting). */
    public boolean heatingSeason(LocalDate day) {
        return within(MonthDay.from(day), heatingFrom, heatingTo);
    }

    /** {@code day} in [from, to], a season that may run over the new year (15 Nov - 31 Mar). */
    private static boolean within(MonthDay day, MonthDay from, MonthDay to) {
        return from.isAfter(to) ? !day.isBefore(from) || !day.isAfter(to) : !day.isBefore(from) && !day.isAfter(to);
    }
}
