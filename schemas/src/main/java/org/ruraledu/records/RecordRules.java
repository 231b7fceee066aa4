package org.ruraledu.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.District;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.schemas.StudentStatusEvent;

/**
 * The domain rules that every input record must keep, beyond its schema: counts are not negative, a part is
 * not larger than its whole, nothing is reported for the future, and no raw student number travels in any text
 * field (a number pasted into the wrong column, an eventId or a roomId, is refused as firmly as in studentRef),
 * and no text field holds a control character or a lone surrogate ({@link #unprintable}). The client library, the
 * gateway, the {@code submit} command and the streams application apply the same rules.
 *
 * <p>The senders also refuse what the streams application would dead-letter as too old ({@link #forSenders}).
 *
 * <p>Each field gets at most one error, the first found: a missing value, then a raw identifier, then an
 * unprintable character, then the rules of the field. So the rules never look at a null (a record built with
 * {@code put} or the no-arg constructor may have one) and never quote a raw identifier or a control character.
 */
public final class RecordRules {
    /** Days, weeks and months are those of the plan's city (contract). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Clocks of school systems drift: an instant this far in the future is still accepted. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_ID_LENGTH = 128;

    private final Clock clock;
    /** Null for the streams application: see {@link #forSenders}. */
    private final RetentionHorizon horizon;
    /** Days back that classroom readings are told from their retries; null for the streams application. */
    private final Integer readingWindowDays;
    /** The heating domain's reading window (its readingIds are remembered that long), see {@link #forSenders}. */
    public static final String READING_WINDOW_DAYS = "heating.reading.window.days";

    /** The rules every reader and writer of the input topics applies (the streams application uses these). */
    public RecordRules(Clock clock) {
        this(clock, null, null);
    }

    private RecordRules(Clock clock, RetentionHorizon horizon, Integer readingWindowDays) {
        this.clock = clock;
        this.horizon = horizon;
        this.readingWindowDays = readingWindowDays;
    }

    /**
     * The rules plus the retention horizon, for the senders (client library, gateway, {@code submit}): a meal
     * report or student-status event dated before it is refused, naming {@code date}, because the streams
     * application would dead-letter it {@code TOO_OLD}. Only the senders: the streams application checks the
     * horizon itself where it keeps the state (LatestReportWins, CaseTracker) and must go on dead-lettering such
     * records as {@code TOO_OLD}, which the bureau reads differently from {@code VALIDATION} (a broken rule).
     * The fields are those the streams application ages: a meal report's and an event's {@code date}, a care
     * report's {@code month} (its first day); enrolment has no period. A domain that adds a {@code TOO_OLD} check
     * adds its field here. The horizon is {@code retention.days} of
     * {@code settings}: give the senders the streams application's value. Likewise a classroom reading measured
     * before the heating domain's reading window ({@value #READING_WINDOW_DAYS}) is refused naming
     * {@code measuredAt}.
     */
    public static RecordRules forSenders(Clock clock, Settings settings) {
        return new RecordRules(clock, RetentionHorizon.from(settings), settings.getInt(READING_WINDOW_DAYS));
    }

    public static RecordRules systemClock() {
        return new RecordRules(Clock.systemUTC());
    }

    public List<FieldError> check(SpecificRecordBase record) {
        Checks c = new Checks();
        c.required(record);
        c.noRawIdentifiers(record);
        c.printable(record);
        c.id("schoolId", (String) record.get("schoolId"));
        if (record instanceof SchoolProfile p) {
            c.notBlank("name", p.getName());
            c.require("district", District.isKey(p.getDistrict()), "must be a district key (huancui, wendeng, "
                    + "rongcheng, rushan, gaoqu, jingqu, lingang, nanhai), got '" + p.getDistrict() + "'");
        } else if (record instanceof EnrollmentReport e) {
            c.id("reportId", e.getReportId());
            c.notFuture("asOf", e.getAsOf());
            c.nonNegative("enrolled", e.getEnrolled());
            c.partOf("boarders", e.getBoarders(), "enrolled", e.getEnrolled());
            c.partOf("leftBehindRegistered", e.getLeftBehindRegistered(), "enrolled", e.getEnrolled());
        } else if (record instanceof StudentStatusEvent s) {
            c.id("eventId", s.getEventId());
            c.studentRef("studentRef", s.getStudentRef());
            c.require("grade", s.getGrade() >= 1 && s.getGrade() <= 12, "must be between 1 and 12");
            c.notFuture("date", s.getDate());
            c.remembered("date", s.getDate());
            if (s.getConsecutiveAbsentDays() != null) {
                c.nonNegative("consecutiveAbsentDays", s.getConsecutiveAbsentDays());
            }
            c.notFuture("recordedAt", s.getRecordedAt());
        } else if (record instanceof CareReport r) {
            c.id("reportId", r.getReportId());
            c.month("month", r.getMonth());
            c.rememberedMonth("month", r.getMonth());
            c.nonNegative("registered", r.getRegistered());
            c.partOf("contacted", r.getContacted(), "registered", r.getRegistered());
            c.nonNegative("homeVisits", r.getHomeVisits());
            c.nonNegative("counselingSessions", r.getCounselingSessions());
            c.nonNegative("parentSessions", r.getParentSessions());
        } else if (record instanceof MealReport m) {
            c.id("reportId", m.getReportId());
            c.notFuture("date", m.getDate());
            c.remembered("date", m.getDate());
            c.nonNegative("needing", m.getNeeding());
            c.partOf("served", m.getServed(), "needing", m.getNeeding());
            c.nonNegative("foodSafetyIncidents", m.getFoodSafetyIncidents());
        } else if (record instanceof ClimateReading r) {
            c.id("readingId", r.getReadingId());
            c.notBlank("roomId", r.getRoomId());
            c.notFuture("measuredAt", r.getMeasuredAt());
            c.withinReadingWindow("measuredAt", r.getMeasuredAt());
            // A classroom below -40 or above 60 °C is a broken sensor, not a reading (NaN and infinity too).
            c.require("temperatureC", Double.isFinite(r.getTemperatureC())
                    && r.getTemperatureC() >= -40 && r.getTemperatureC() <= 60,
                    () -> "must be a temperature between -40 and 60 °C, got " + r.getTemperatureC());
        }
        return c.errors;
    }

    /** The text fields of the record that hold what looks like a raw student or ID card number. */
    public static List<String> rawIdentifierFields(SpecificRecordBase record) {
        List<String> fields = new ArrayList<>(0);
        for (Schema.Field field : record.getSchema().getFields()) {
            if (record.get(field.pos()) instanceof CharSequence text
                    && StudentRefs.looksLikeRawIdentifier(text.toString())) {
                fields.add(field.name());
            }
        }
        return fields;
    }

    /**
     * Why a text is not printable, or null if it is: a C0 or C1 control character (NUL, tab, line feed, ESC,
     * DEL, ...) or a lone surrogate, with its position (1-based) and code point but never the text itself.
     * Controls would pass Kafka, Avro and the stores unharmed, but ids travel on into logs, terminals
     * ({@code alerts tail}), dead-letter headers, CSV exports and dashboards' databases, where a line feed forges
     * a line, an ESC drives the terminal and a NUL cuts the text (PostgreSQL refuses it); no id or name needs one.
     * A lone surrogate cannot be written as UTF-8: Avro would silently write '?', so two ids would become one.
     *
     * <p>'|' is allowed: the store keys that join a schoolId with '|' (and more) read it back from the right or
     * by a fixed width (LatestReportWins, PupilHistory, AwaitingRecord), so a schoolId holding '|' cannot be
     * taken for another; a prefix scan on {@code schoolId + "|"} must still compare the school it finds.
     */
    public static String unprintable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch)) {
                return String.format("holds a control character (U+%04X) at position %d: ids and names must be "
                        + "printable text", (int) ch, i + 1);
            }
            if (Character.isSurrogate(ch)) {
                boolean paired = Character.isHighSurrogate(ch) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return String.format("holds a lone surrogate (U+%04X) at position %d, which UTF-8 cannot "
                            + "carry", (int) ch, i + 1);
                }
                i++; // the pair's low half
            }
        }
        return null;
    }

    /** Collects errors; each method checks one field. */
    private final class Checks {
        final List<FieldError> errors = new ArrayList<>();
        private final Set<String> failed = new HashSet<>();

        void require(String field, boolean ok, String message) {
            if (!ok && failed.add(field)) {
                errors.add(new FieldError(0, field, message));
            }
        }

        /** For a message that costs a concatenation: built only when the check fails (this runs for every record). */
        void require(String field, boolean ok, Supplier<String> message) {
            if (!ok) {
                require(field, false, message.get());
            }
        }

        private LocalDate today;

        /** Today in the plan's city, once per record. */
        LocalDate today() {
            if (today == null) {
                today = LocalDate.now(clock.withZone(ZONE));
            }
            return today;
        }

        /** A null in a field the schema does not allow to be null: encoding would fail. */
        void required(SpecificRecordBase record) {
            for (Schema.Field field : record.getSchema().getFields()) {
                require(field.name(), record.get(field.pos()) != null || field.schema().isNullable(), "is required");
            }
        }

        void noRawIdentifiers(SpecificRecordBase record) {
            for (String field : rawIdentifierFields(record)) {
                require(field, false, field.equals("studentRef")
                        ? "looks like a raw student or ID card number: send only the pseudonymous HMAC reference "
                                + "(PIPL art. 28)"
                        : "looks like a raw student or ID card number, which must never be sent (PIPL art. 28): "
                                + "send only pseudonymous references");
            }
        }

        void printable(SpecificRecordBase record) {
            for (Schema.Field field : record.getSchema().getFields()) {
                if (record.get(field.pos()) instanceof CharSequence text) {
                    String problem = unprintable(text);
                    require(field.name(), problem == null, problem);
                }
            }
        }

        /** Not before the retention horizon, for the senders only (see {@link #forSenders}). */
        void remembered(String field, LocalDate date) {
            if (horizon == null || date == null) {
                return; // the streams application ages records itself; a null is reported as required
            }
            LocalDate today = today();
            require(field, !horizon.tooOld(date, today), () -> date + " is before the retention horizon "
                    + horizon.horizon(today) + " (" + RetentionHorizon.DAYS + " = " + horizon.days() + "): records "
                    + "that old are no longer kept, so the pipeline would dead-letter it (TOO_OLD)");
        }

        /** A month whose first day is before the retention horizon, for the senders only (care keeps months so). */
        void rememberedMonth(String field, String month) {
            if (horizon != null && month != null && !failed.contains(field)) {
                remembered(field, YearMonth.parse(month).atDay(1));
            }
        }

        /** Not before the reading window, for the senders only (see {@link #forSenders}). */
        void withinReadingWindow(String field, Instant measuredAt) {
            if (readingWindowDays == null || measuredAt == null) {
                return; // the heating domain dead-letters such readings itself; a null is reported as required
            }
            LocalDate first = today().minusDays(readingWindowDays);
            // Compared as instants: an instant as far back as Instant.MIN has no date.
            require(field, !measuredAt.isBefore(first.atStartOfDay(ZONE).toInstant()), () -> measuredAt + " was measured "
                    + "before the reading window, which starts on " + first + " (" + READING_WINDOW_DAYS + " = "
                    + readingWindowDays + "): readings that old can no longer be told from their retries, so the "
                    + "pipeline would dead-letter it (TOO_OLD)");
        }

        void notBlank(String field, String value) {
            require(field, value != null && !value.isBlank(), "must not be blank");
        }

        void id(String field, String value) {
            notBlank(field, value);
            require(field, value == null || value.length() <= MAX_ID_LENGTH, () -> "must be at most " + MAX_ID_LENGTH + " characters");
        }

        void nonNegative(String field, int value) {
            require(field, value >= 0, () -> "must not be negative, got " + value);
        }

        void partOf(String field, int part, String wholeField, int whole) {
            nonNegative(field, part);
            if (part >= 0) {
                require(field, part <= whole, () -> "must not exceed " + wholeField + " (" + part + " > " + whole + ")");
            }
        }

        void notFuture(String field, LocalDate date) {
            if (date == null) {
                return; // reported as required
            }
            LocalDate today = today();
            require(field, !date.isAfter(today), () -> "must not be in the future (" + date + " is after " + today + ")");
        }

        void notFuture(String field, Instant instant) {
            if (instant == null) {
                return; // reported as required
            }
            Instant limit = clock.instant().plus(CLOCK_SKEW);
            require(field, !instant.isAfter(limit), () -> "must not be in the future (" + instant + ")");
        }

        void month(String field, String value) {
            if (value == null) {
                return; // reported as required
            }
            try {
                YearMonth month = YearMonth.parse(value);
                require(field, !month.isAfter(YearMonth.now(clock.withZone(ZONE))), "must not be in the future");
            } catch (DateTimeParseException e) {
                require(field, false, "must be a month \"YYYY-MM\", got '" + value + "'");
            }
        }

        void studentRef(String field, String value) {
            require(field, StudentRefs.isRef(value), "must be a 43-character base64url HMAC-SHA256 reference");
        }
    }
}
