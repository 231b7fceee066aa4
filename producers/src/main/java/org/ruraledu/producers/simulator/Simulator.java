package org.ruraledu.producers.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.serde.AvroTrust;
import org.ruraledu.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realistic schools and their reports: the registry, head counts, then for each school day of the school
 * calendar lunch reports and dropout-control events, a care report per school once a month's days are done,
 * and for the last days classroom readings of the schools that heat (with their episodes: boiler failures,
 * flapping sensors, late readings); all with the faults of real school systems (late, corrected, retried and
 * broken reports). Optionally keeps going with live corrections for today so that a dashboard keeps moving.
 */
public final class Simulator {
    private static final Logger log = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorOptions options;
    private final ReportSink sink;
    private final Clock clock;
    private final SchoolCalendar calendar;
    private final Random random;
    private final Faults faults;
    private final MealReporter meals;
    private final Pupils pupils;
    private final CareReporter care;
    private final ClimateReporter climate;
    private final List<SimulatedSchool> schools;
    private final List<SimulatedSchool> climateSchools;
    private final SimulationStats stats = new SimulationStats();
    /** Reports held back by a late school, sent with the next day's batch. */
    private final List<SpecificRecordBase> late = new ArrayList<>();
    private volatile boolean stopped;

    static {
        AvroTrust.ensureInstalled(); // the simulator copies records through their builders
    }

    /** With the built-in school calendar. */
    public Simulator(SimulatorOptions options, StudentRefs refs, ReportSink sink, Clock clock) {
        this(options, refs, sink, clock, SchoolCalendar.builtIn());
    }

    /** {@code calendar}: the pipeline's ({@link SchoolCalendar#from}), so that it counts the days simulated. */
    public Simulator(SimulatorOptions options, StudentRefs refs, ReportSink sink, Clock clock,
            SchoolCalendar calendar) {
        this.options = options;
        this.sink = sink;
        this.clock = clock;
        this.calendar = calendar;
        this.random = new Random(options.seed());
        this.faults = new Faults(new Random(options.seed() + 1), options.faults());
        this.meals = new MealReporter(new Random(options.seed() + 2));
        this.pupils = new Pupils(new Random(options.seed() + 3), refs);
        this.schools = new SchoolFactory(random, new Random(options.seed() + 4)).create(options.schools());
        this.care = new CareReporter(new Random(options.seed() + 5));
        this.climate = new ClimateReporter(new Random(options.seed() + 6), faults, options.climateInterval());
        this.climateSchools = climateSchools(schools, options.climateSchools());
    }

    /** The share of the heating schools that send readings, a coal-heated one always among them. */
    private static List<SimulatedSchool> climateSchools(List<SimulatedSchool> schools, SchoolShare share) {
        List<SimulatedSchool> heated = schools.stream().filter(SimulatedSchool::heated).toList();
        List<SimulatedSchool> picked = new ArrayList<>(share.pick(heated));
        boolean coal = picked.stream().anyMatch(s -> s.profile().getHeatingSource() == EnergySource.COAL);
        if (!picked.isEmpty() && !coal) {
            heated.stream().filter(s -> s.profile().getHeatingSource() == EnergySource.COAL).findFirst()
                    .ifPresent(picked::add);
        }
        return List.copyOf(picked);
    }

    public List<SimulatedSchool> schools() {
        return schools;
    }

    public SimulationStats stats() {
        return stats;
    }

    /** The schools whose classrooms send readings (on the climate days). */
    public List<SimulatedSchool> climateSchools() {
        return climateSchools;
    }

    /** The classroom episodes simulated so far (boiler failures, flapping sensors, late readings). */
    public List<ClimateEpisode> episodes() {
        return stats.episodes();
    }

    /** The boiler failures simulated so far: each should open one HEATING_OUT_OF_RANGE per room, resolved after. */
    public List<ClimateEpisode> boilerFailures() {
        return episodes().stream().filter(e -> e.kind() == ClimateEpisode.Kind.BOILER_FAILURE).toList();
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
        Set<LocalDate> climateDays = climateDays(days);
        log.info("registered {} schools; simulating {} school days from {} to {}; classroom readings of {} schools "
                + "on {}", schools.size(), days.size(), days.get(0), days.get(days.size() - 1), climateSchools.size(),
                climateDays);
        for (int i = 0; i < days.size(); i++) {
            if (stopped) {
                break;
            }
            LocalDate day = days.get(i);
            simulateDay(day, climateDays.contains(day));
            YearMonth month = YearMonth.from(day);
            if (i == days.size() - 1 || !YearMonth.from(days.get(i + 1)).equals(month)) {
                reportCare(month);
            }
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

    private void simulateDay(LocalDate day, boolean withClimate) {
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
        if (withClimate) {
            sendReadings(day);
        }
        sink.flush();
    }

    /** A month's care reports, once its last simulated day is done (the current month's too). */
    private void reportCare(YearMonth month) {
        for (SimulatedSchool school : schools) {
            deliver(care.report(school, month), true);
        }
        sink.flush();
    }

    /** Every climate school's readings of the day up to now, each school's as one batch. */
    private void sendReadings(LocalDate day) {
        Instant cutoff = clock.instant();
        EpisodePlan plan = climate.plan(climateSchools, day, cutoff);
        for (SimulatedSchool school : climateSchools) {
            List<ClimateReading> readings = climate.day(school, day, cutoff, plan, stats);
            sink.sendAll(readings);
            stats.add("sent." + ClimateReading.SCHEMA$.getName(), readings.size());
        }
    }

    /** The last {@code climateDays} of the simulated days whose school hours have begun by now. */
    private Set<LocalDate> climateDays(List<LocalDate> days) {
        Instant now = clock.instant();
        List<LocalDate> begun = days.stream().filter(d -> climate.lastMinute(d, now) >= 0).toList();
        return new TreeSet<>(begun.subList(Math.max(0, begun.size() - options.climateDays()), begun.size()));
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
        if (correctable && record instanceof CareReport report && faults.corrected()) {
            send(care.correct(report));
            stats.add("faults.corrected_care");
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

    /**
     * The last {@code days} school days of the calendar up to today in Weihai: today if it is one, else ending at
     * the last school day before it.
     */
    List<LocalDate> schoolDays() {
        return calendar.lastSchoolDays(LocalDate.now(clock.withZone(RecordRules.ZONE)), options.days());
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
