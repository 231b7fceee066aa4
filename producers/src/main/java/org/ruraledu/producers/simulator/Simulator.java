package org.ruraledu.producers.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.serde.AvroTrust;
import org.ruraledu.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realistic schools and their reports: the registry, head counts, then for each school day lunch reports and
 * dropout-control events, with the faults of real school systems (late, corrected, retried and broken
 * reports). Optionally keeps going with live corrections for today so that a dashboard keeps moving.
 */
public final class Simulator {
    private static final Logger log = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorOptions options;
    private final ReportSink sink;
    private final Clock clock;
    private final Random random;
    private final Faults faults;
    private final MealReporter meals;
    private final Pupils pupils;
    private final List<SimulatedSchool> schools;
    private final SimulationStats stats = new SimulationStats();
    /** Reports held back by a late school, sent with the next day's batch. */
    private final List<SpecificRecordBase> late = new ArrayList<>();
    private volatile boolean stopped;

    static {
        AvroTrust.ensureInstalled(); // the simulator copies records through their builders
    }

    public Simulator(SimulatorOptions options, StudentRefs refs, ReportSink sink, Clock clock) {
        this.options = options;
        this.sink = sink;
        this.clock = clock;
        this.random = new Random(options.seed());
        this.faults = new Faults(new Random(options.seed() + 1), options.faults());
        this.meals = new MealReporter(new Random(options.seed() + 2));
        this.pupils = new Pupils(new Random(options.seed() + 3), refs);
        this.schools = new SchoolFactory(random).create(options.schools());
    }

    public List<SimulatedSchool> schools() {
        return schools;
    }

    public SimulationStats stats() {
        return stats;
    }

    public void stop() {
        stopped = true;
    }

    /** Runs the whole simulation; returns what was sent. */
    public SimulationStats run() throws InterruptedException {
        List<LocalDate> days = schoolDays();
        schools.forEach(s -> send(s.profile()));
        sink.flush();
        schools.forEach(s -> send(enrollment(s, days.get(0))));
        sink.flush();
        log.info("registered {} schools; simulating {} school days from {} to {}", schools.size(), days.size(),
                days.get(0), days.get(days.size() - 1));
        for (LocalDate day : days) {
            if (stopped) {
                break;
            }
            simulateDay(day);
            pace();
        }
        sendLate();
        sink.flush();
        LocalDate today = days.get(days.size() - 1);
        for (long tick = 0; tick < options.followTicks() && !stopped; tick++) {
            Thread.sleep(options.tickMillis());
            liveTick(today, tick);
        }
        return stats;
    }

    private void simulateDay(LocalDate day) {
        List<SpecificRecordBase> heldBack = new ArrayList<>(late);
        late.clear();
        Instant recordedAt = recordedAt(day);
        for (SimulatedSchool school : schools) {
            if (school.profile().getServesLunch()) {
                deliver(meals.report(school, day, school.id() + "-" + day + "-meal-1"), true);
            }
            pupils.day(school, day, recordedAt, stats).forEach(event -> deliver(event, false));
            if (faults.broken()) {
                sendBroken(school, day);
            }
        }
        heldBack.forEach(this::send);
        sink.flush();
    }

    /** Sends one record the way a real school might: late, twice, or corrected afterwards. */
    private void deliver(SpecificRecordBase record, boolean correctable) {
        if (faults.late()) {
            late.add(record);
            stats.add("faults.late");
            return;
        }
        send(record);
        if (faults.retried()) {
            send(record);
            stats.add("faults.retried");
        }
        if (correctable && record instanceof MealReport meal && faults.corrected()) {
            send(meals.correct(meal, meal.getReportId().replace("-meal-1", "-meal-2")));
            stats.add("faults.corrected");
        }
    }

    /** Live corrections for today: a few schools revise their lunch figures. */
    private void liveTick(LocalDate today, long tick) {
        for (SimulatedSchool school : schools) {
            if (school.profile().getServesLunch() && random.nextDouble() < 0.02) {
                MealReport fresh = meals.report(school, today, school.id() + "-" + today + "-meal-live-" + tick);
                send(fresh);
                stats.add("faults.corrected");
            }
        }
        sink.flush();
    }

    private void sendBroken(SimulatedSchool school, LocalDate day) {
        if (random.nextBoolean()) {
            sink.sendRaw(Topics.MEAL_REPORTS.name(), school.id().getBytes(StandardCharsets.UTF_8),
                    ("{\"schoolId\":\"" + school.id() + "\",\"served\":\"lots\"}").getBytes(StandardCharsets.UTF_8));
        } else {
            MealReport stranger = meals.report(school, day, "unregistered-" + day);
            stranger.setSchoolId("unregistered-" + school.id());
            sink.sendRaw(Topics.MEAL_REPORTS.name(), stranger.getSchoolId().getBytes(StandardCharsets.UTF_8),
                    Topics.MEAL_REPORTS.valueSerde().serializer().serialize(Topics.MEAL_REPORTS.name(), stranger));
        }
        stats.add("faults.broken");
    }

    private void send(SpecificRecordBase record) {
        sink.send(record);
        stats.add("sent." + record.getSchema().getName());
    }

    private void sendLate() {
        late.forEach(this::send);
        late.clear();
    }

    private EnrollmentReport enrollment(SimulatedSchool school, LocalDate asOf) {
        return EnrollmentReport.newBuilder()
                .setReportId(school.id() + "-enrollment-" + asOf)
                .setSchoolId(school.id())
                .setAsOf(asOf)
                .setEnrolled(school.enrolled())
                .setBoarders(school.boarders())
                .setLeftBehindRegistered(school.leftBehind())
                .build();
    }

    /** The last {@code days} weekdays up to today in Weihai. */
    List<LocalDate> schoolDays() {
        List<LocalDate> days = new ArrayList<>();
        LocalDate day = LocalDate.now(clock.withZone(RecordRules.ZONE));
        while (days.size() < options.days()) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, day);
            }
            day = day.minusDays(1);
        }
        return days;
    }

    /** Schools record the day's events in the afternoon; today's are recorded now. */
    private Instant recordedAt(LocalDate day) {
        Instant afternoon = day.atTime(LocalTime.of(16, 0)).atZone(RecordRules.ZONE).toInstant();
        Instant now = clock.instant();
        return afternoon.isAfter(now) ? now : afternoon;
    }

    private void pace() {
        if (options.daysPerMinute() > 0) {
            try {
                Thread.sleep((long) (60_000 / options.daysPerMinute()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }
}
