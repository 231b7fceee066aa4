package org.ruraledu.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ruraledu.config.Settings;
import org.ruraledu.records.RecordRules;

/**
 * The school calendar every domain shares (heating counts readings of school hours, reporting completeness owes
 * reports of school days, the simulator reports on them): school terms, public holidays and the make-up school
 * days of the State Council's holiday notices (调休), the weekdays schools open and their hours, in the plan's city
 * time (Asia/Shanghai). A day is a school day when it lies in a term, is not a holiday, and is one of the school
 * weekdays or a make-up day. Outside every term is vacation.
 *
 * <p>The built-in calendar ({@code org/ruraledu/calendar/school-calendar.json}) covers 2025 to mid-2027; a bureau
 * points {@code calendar.file} to its own file of the same shape. Loading validates it, naming what is wrong.
 */
public final class SchoolCalendar {
    public static final String FILE_SETTING = "calendar.file";
    private static final String BUILT_IN = "school-calendar.json";

    /** One school term (学期), e.g. {@code 2026-2027-1}, its first and last day. */
    public record Term(String id, LocalDate from, LocalDate to) {
        public boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    /** A public holiday, its first and last day. */
    public record Holiday(String name, LocalDate from, LocalDate to) {}

    /** School hours: from {@code from} (inclusive) to before {@code to}. */
    public record Hours(LocalTime from, LocalTime to) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(String about, List<DayOfWeek> schoolDays, Hours schoolHours, List<Term> terms, List<Holiday> holidays,
            List<LocalDate> makeUpDays) {}

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Set<DayOfWeek> schoolDays;
    private final Hours hours;
    private final List<Term> terms;
    private final List<Holiday> holidays;
    private final TreeSet<LocalDate> makeUpDays;

    SchoolCalendar(Set<DayOfWeek> schoolDays, Hours hours, List<Term> terms, List<Holiday> holidays,
            Set<LocalDate> makeUpDays) {
        this.schoolDays = EnumSet.copyOf(schoolDays);
        this.hours = hours;
        this.terms = terms.stream().sorted((a, b) -> a.from().compareTo(b.from())).toList();
        this.holidays = List.copyOf(holidays);
        this.makeUpDays = new TreeSet<>(makeUpDays);
    }

    /** The calendar of {@code calendar.file}, or the built-in one when that is empty. */
    public static SchoolCalendar from(Settings settings) {
        String file = settings.get(FILE_SETTING);
        return file == null || file.isBlank() ? builtIn() : load(Path.of(file));
    }

    public static SchoolCalendar builtIn() {
        try (InputStream in = SchoolCalendar.class.getResourceAsStream(BUILT_IN)) {
            return parse(in.readAllBytes(), "the built-in calendar " + BUILT_IN);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in calendar " + BUILT_IN, e);
        }
    }

    public static SchoolCalendar load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE_SETTING + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static SchoolCalendar parse(byte[] json, String source) {
        File f;
        try {
            f = JSON.readValue(json, File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a school calendar: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (f.schoolDays() == null || f.schoolDays().isEmpty()) {
            problems.add("schoolDays: at least one weekday");
        }
        if (f.schoolHours() == null || f.schoolHours().from() == null || f.schoolHours().to() == null
                || !f.schoolHours().from().isBefore(f.schoolHours().to())) {
            problems.add("schoolHours: from must be before to");
        }
        if (f.terms() == null || f.terms().isEmpty()) {
            problems.add("terms: at least one term");
        } else {
            Set<String> ids = new TreeSet<>();
            for (Term term : f.terms()) {
                if (term.id() == null || term.id().isBlank() || !ids.add(term.id())) {
                    problems.add("terms: every term needs an id of its own, got '" + term.id() + "'");
                }
                if (term.from() == null || term.to() == null || term.to().isBefore(term.from())) {
                    problems.add("terms: term '" + term.id() + "' must have from <= to");
                }
            }
        }
        for (Holiday holiday : f.holidays() == null ? List.<Holiday>of() : f.holidays()) {
            if (holiday.from() == null || holiday.to() == null || holiday.to().isBefore(holiday.from())) {
                problems.add("holidays: holiday '" + holiday.name() + "' must have from <= to");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new SchoolCalendar(EnumSet.copyOf(f.schoolDays()), f.schoolHours(), f.terms(),
                f.holidays() == null ? List.of() : f.holidays(),
                f.makeUpDays() == null ? Set.of() : new TreeSet<>(f.makeUpDays()));
    }

    /** Schools are open on {@code day}: in a term, not a holiday, a school weekday or a make-up day. */
    public boolean isSchoolDay(LocalDate day) {
        if (term(day).isEmpty() || holiday(day).isPresent()) {
            return false;
        }
        return schoolDays.contains(day.getDayOfWeek()) || makeUpDays.contains(day);
    }

    /** {@code instant} falls in school hours of a school day (Asia/Shanghai). */
    public boolean isSchoolTime(Instant instant) {
        ZonedDateTime local = instant.atZone(RecordRules.ZONE);
        LocalTime time = local.toLocalTime();
        return isSchoolDay(local.toLocalDate()) && !time.isBefore(hours.from()) && time.isBefore(hours.to());
    }

    /** The term {@code day} lies in, if any (vacation otherwise). */
    public Optional<Term> term(LocalDate day) {
        return terms.stream().filter(t -> t.contains(day)).findFirst();
    }

    public Optional<Holiday> holiday(LocalDate day) {
        return holidays.stream().filter(h -> !day.isBefore(h.from()) && !day.isAfter(h.to())).findFirst();
    }

    public Hours hours() {
        return hours;
    }

    public List<Term> terms() {
        return terms;
    }

    /** The school days from {@code from} to {@code to}, both included, in order. */
    public List<LocalDate> schoolDays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (isSchoolDay(day)) {
                days.add(day);
            }
        }
        return days;
    }

    /** The last {@code count} school days up to and including {@code last}, oldest first. */
    public List<LocalDate> lastSchoolDays(LocalDate last, int count) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate earliest = terms.isEmpty() ? last : terms.get(0).from();
        for (LocalDate day = last; days.size() < count && !day.isBefore(earliest); day = day.minusDays(1)) {
            if (isSchoolDay(day)) {
                days.add(0, day);
            }
        }
        if (days.size() < count) {
            throw new IllegalArgumentException("the school calendar has only " + days.size() + " school days up to "
                    + last + ", " + count + " asked (" + FILE_SETTING + " covers " + earliest + " on)");
        }
        return days;
    }
}
