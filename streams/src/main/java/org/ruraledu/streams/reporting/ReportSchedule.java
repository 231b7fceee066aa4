package org.ruraledu.streams.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.config.Settings;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.care.CareRoomRule;
import org.ruraledu.streams.heating.ClimateStandard;

/**
 * What a school owes and by when, from the school calendar (the one heating uses) and the settings, in the plan's
 * city time. Periods are keys that sort in time within a kind:
 * <ul>
 *   <li>meal report: a school day ({@code 2026-03-10}) of a school that serves lunch, due at {@value #MEALS_DUE}
 *       (16:00) that day;</li>
 *   <li>classroom readings: a school hour ({@code 2026-03-10T08:00}, hours counted from the calendar's first
 *       school hour) of a school day in the heating season, of a school that heats ({@code heatingSource} other
 *       than null or NONE): at least one reading measured in it, due at the hour's end;</li>
 *   <li>care report: a month ({@code 2026-03-01}) with at least one school day, of a school {@link CareRoomRule}
 *       applies to, due by the end of day {@value #CARE_DUE_DAY} (5) of the next month;</li>
 *   <li>enrolment report: a term ({@code 2026-03-02}, its first day), of every school, due by the end of day
 *       {@value #ENROLLMENT_DUE_DAYS} (14) of the term, counted from its first day (an enrolment dated in the
 *       vacation before a term counts for it).</li>
 * </ul>
 * Only the kinds {@value #KINDS} names are owed (default: all four).
 */
final class ReportSchedule {
    static final String MEALS_DUE = "reporting.meals.due";
    static final String CARE_DUE_DAY = "reporting.care.due.day";
    static final String ENROLLMENT_DUE_DAYS = "reporting.enrollment.due.days";
    static final String KINDS = "reporting.kinds";
    private static final Duration HOUR = Duration.ofHours(1);

    /** A period whose deadline passed: owed by the schools it applies to. */
    record Due(ReportKind kind, String period, Instant deadline) {}

    private final SchoolCalendar calendar;
    private final ClimateStandard climate;
    private final CareRoomRule care;
    private final LocalTime mealsDue;
    private final int careDueDay;
    private final int enrollmentDueDays;
    private final Set<ReportKind> kinds;

    ReportSchedule(SchoolCalendar calendar, ClimateStandard climate, CareRoomRule care, LocalTime mealsDue,
            int careDueDay, int enrollmentDueDays, Set<ReportKind> kinds) {
        if (careDueDay < 1 || careDueDay > 28) {
            throw new IllegalArgumentException(CARE_DUE_DAY + " must be a day 1..28 of the next month, got " + careDueDay);
        }
        if (enrollmentDueDays < 1) {
            throw new IllegalArgumentException(ENROLLMENT_DUE_DAYS + " must be at least 1, got " + enrollmentDueDays);
        }
        this.calendar = calendar;
        this.climate = climate;
        this.care = care;
        this.mealsDue = mealsDue;
        this.careDueDay = careDueDay;
        this.enrollmentDueDays = enrollmentDueDays;
        this.kinds = kinds.isEmpty() ? EnumSet.noneOf(ReportKind.class) : EnumSet.copyOf(kinds);
    }

    static ReportSchedule from(Settings settings) {
        SchoolCalendar calendar = SchoolCalendar.from(settings);
        LocalTime due;
        try {
            due = LocalTime.parse(settings.get(MEALS_DUE).trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(MEALS_DUE + " must be a time of day like 16:00, got '"
                    + settings.get(MEALS_DUE) + "'");
        }
        return new ReportSchedule(calendar, ClimateStandard.from(settings, calendar), CareRoomRule.from(settings), due,
                settings.getInt(CARE_DUE_DAY), settings.getInt(ENROLLMENT_DUE_DAYS), kinds(settings.get(KINDS)));
    }

    /** {@code reporting.kinds}: the kinds owed, by path, comma-separated; empty: none (a bureau not yet tracking). */
    private static Set<ReportKind> kinds(String value) {
        Set<ReportKind> kinds = EnumSet.noneOf(ReportKind.class);
        for (String path : value == null ? new String[0] : value.split(",")) {
            if (path.isBlank()) {
                continue;
            }
            try {
                kinds.add(ReportKind.byPath(path.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(KINDS + ": unknown report kind '" + path.trim() + "'; known: "
                        + java.util.Arrays.stream(ReportKind.values()).map(ReportKind::path).toList());
            }
        }
        return kinds;
    }

    /** Whether a school of this (active) profile owes reports of {@code kind} at all. */
    boolean owes(ReportKind kind, SchoolProfile school) {
        if (!kinds.contains(kind)) {
            return false;
        }
        return switch (kind) {
            case MEALS -> school.getServesLunch();
            case CLIMATE -> school.getHeatingSource() != null && school.getHeatingSource() != EnergySource.NONE;
            case CARE -> care.applies(school);
            case ENROLLMENT -> true;
        };
    }

    /** The owed period a record of {@code kind} reports, or null (a reading outside school hours or season). */
    String periodOf(ReportKind kind, Object record) {
        return switch (kind) {
            case MEALS -> ((MealReport) record).getDate().toString();
            case CARE -> YearMonth.parse(((CareReport) record).getMonth()).atDay(1).toString();
            case CLIMATE -> hourOf(((ClimateReading) record).getMeasuredAt());
            case ENROLLMENT -> termOf(((EnrollmentReport) record).getAsOf()).map(LocalDate::toString).orElse(null);
        };
    }

    /** The day a period belongs to (its first day): the date of its KPI figure. */
    static LocalDate day(String period) {
        return LocalDate.parse(period.substring(0, 10));
    }

    Instant deadline(ReportKind kind, String period) {
        LocalDate day = day(period);
        return switch (kind) {
            case MEALS -> day.atTime(mealsDue).atZone(RecordRules.ZONE).toInstant();
            case CLIMATE -> {
                LocalTime end = LocalTime.parse(period.substring(11)).plus(HOUR);
                LocalTime close = calendar.hours().to();
                yield day.atTime(end.isAfter(close) || end.isBefore(calendar.hours().from()) ? close : end)
                        .atZone(RecordRules.ZONE).toInstant();
            }
            case CARE -> day.plusMonths(1).withDayOfMonth(careDueDay).plusDays(1).atStartOfDay(RecordRules.ZONE)
                    .toInstant();
            case ENROLLMENT -> day.plusDays(enrollmentDueDays).atStartOfDay(RecordRules.ZONE).toInstant();
        };
    }

    /**
     * Every period whose deadline lies in {@code (after, upTo]}, by deadline, for all schools alike (who owes it is
     * {@link #owes}'s part). Periods start at most two months and the enrolment days before their deadline.
     */
    List<Due> due(Instant after, Instant upTo) {
        List<Due> due = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(upTo, RecordRules.ZONE);
        LocalDate first = LocalDate.ofInstant(after, RecordRules.ZONE).minusDays(62 + enrollmentDueDays);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (ReportKind kind : kinds) {
                for (String period : periodsStarting(kind, day)) {
                    Instant deadline = deadline(kind, period);
                    if (deadline.isAfter(after) && !deadline.isAfter(upTo)) {
                        due.add(new Due(kind, period, deadline));
                    }
                }
            }
        }
        due.sort((a, b) -> a.deadline().compareTo(b.deadline()));
        return due;
    }

    private List<String> periodsStarting(ReportKind kind, LocalDate day) {
        return switch (kind) {
            case MEALS -> calendar.isSchoolDay(day) ? List.of(day.toString()) : List.of();
            case CLIMATE -> calendar.isSchoolDay(day) && climate.heatingSeason(day) ? hours(day) : List.of();
            case CARE -> day.getDayOfMonth() == 1
                    && !calendar.schoolDays(day, day.plusMonths(1).minusDays(1)).isEmpty()
                    ? List.of(day.toString()) : List.of();
            case ENROLLMENT -> calendar.terms().stream().anyMatch(t -> t.from().equals(day))
                    ? List.of(day.toString()) : List.of();
        };
    }

    /** The day's school hours from the first; counted in durations, since a time of day wraps at midnight. */
    private List<String> hours(LocalDate day) {
        List<String> hours = new ArrayList<>();
        Duration open = Duration.between(calendar.hours().from(), calendar.hours().to());
        for (Duration h = Duration.ZERO; h.compareTo(open) < 0; h = h.plus(HOUR)) {
            hours.add(day + "T" + calendar.hours().from().plus(h));
        }
        return hours;
    }

    /** The school hour a reading was measured in, if it is one the school owes readings of. */
    private String hourOf(Instant measuredAt) {
        if (!calendar.isSchoolTime(measuredAt)) {
            return null;
        }
        var local = measuredAt.atZone(RecordRules.ZONE);
        if (!climate.heatingSeason(local.toLocalDate())) {
            return null;
        }
        long hours = Duration.between(calendar.hours().from(), local.toLocalTime()).toHours();
        return local.toLocalDate() + "T" + calendar.hours().from().plusHours(hours);
    }

    /** The term an enrolment dated {@code asOf} reports: the one it lies in, else the next one. */
    private Optional<LocalDate> termOf(LocalDate asOf) {
        return calendar.terms().stream().filter(t -> !t.to().isBefore(asOf)).findFirst()
                .map(SchoolCalendar.Term::from);
    }
}
