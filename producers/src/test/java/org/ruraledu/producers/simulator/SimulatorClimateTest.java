package org.ruraledu.producers.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.SchoolProfile;

/** Classroom readings (取暖消暑): who sends them, their grid, and the episodes, recounted from what was sent. */
class SimulatorClimateTest {
    private static final ZoneId WEIHAI = ZoneId.of("Asia/Shanghai");
    /** Friday 27 November 2026, 16:00 in Weihai: the heating season, a school day, its readings up to now. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
    private static final StudentRefs REFS = new StudentRefs("test-only-key-test-only-key-test-only".getBytes());
    private static final LocalDate YESTERDAY = LocalDate.of(2026, 11, 26);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static SimulatorTest.RecordingSink sink;
    private static Simulator simulator;
    private static List<ClimateReading> readings;
    /** Retries removed: the first of each readingId. */
    private static Map<String, ClimateReading> byId;

    @BeforeAll
    static void simulate() throws Exception {
        sink = new SimulatorTest.RecordingSink();
        simulator = new Simulator(new SimulatorOptions(80, 5, 0, 1.0, 17, 0, 0).withClimate(2, SchoolShare.ALL),
                REFS, sink, CLOCK);
        simulator.run();
        readings = sink.of(ClimateReading.class);
        byId = new LinkedHashMap<>();
        readings.forEach(r -> byId.putIfAbsent(r.getReadingId(), r));
    }

    private static LocalDate day(ClimateReading r) {
        return LocalDate.ofInstant(r.getMeasuredAt(), WEIHAI);
    }

    private static LocalTime time(ClimateReading r) {
        return LocalTime.ofInstant(r.getMeasuredAt(), WEIHAI);
    }

    @Test
    void everyRoomOfEveryHeatingSchoolReportsEveryFiveMinutesOfSchoolHoursUpToNow() {
        Map<String, SchoolProfile> profiles = sink.of(SchoolProfile.class).stream()
                .collect(Collectors.toMap(SchoolProfile::getSchoolId, p -> p));
        Set<String> heating = profiles.values().stream().filter(p -> p.getHeatingSource() != EnergySource.NONE)
                .map(SchoolProfile::getSchoolId).collect(Collectors.toSet());
        assertThat(heating.size()).as("most schools heat").isGreaterThan(profiles.size() * 3 / 4).isLessThan(profiles.size());
        assertThat(readings.stream().map(ClimateReading::getSchoolId).collect(Collectors.toSet())).isEqualTo(heating);
        assertThat(readings.stream().map(SimulatorClimateTest::day).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(YESTERDAY, TODAY);

        Map<String, List<ClimateReading>> bySchool = byId.values().stream()
                .collect(Collectors.groupingBy(ClimateReading::getSchoolId));
        bySchool.forEach((school, rs) -> {
            Set<String> rooms = rs.stream().map(ClimateReading::getRoomId).collect(Collectors.toCollection(TreeSet::new));
            assertThat(rooms.size()).as(school).isBetween(3, 12);
            for (String room : rooms) {
                for (LocalDate d : List.of(YESTERDAY, TODAY)) {
                    List<LocalTime> times = rs.stream().filter(r -> r.getRoomId().equals(room) && day(r).equals(d))
                            .map(SimulatorClimateTest::time).sorted().toList();
                    LocalTime last = d.equals(TODAY) ? LocalTime.of(16, 0) : LocalTime.of(16, 55);
                    assertThat(times).as(school + " " + room + " " + d).hasSize(
                            (int) Duration.between(LocalTime.of(8, 0), last).toMinutes() / 5 + 1);
                    for (int i = 0; i < times.size(); i++) {
                        assertThat(times.get(i)).isEqualTo(LocalTime.of(8, 0).plusMinutes(5L * i));
                    }
                }
            }
        });
        byId.values().forEach(r -> {
            assertThat(r.getReadingId()).isEqualTo(r.getSchoolId() + "-" + r.getRoomId() + "-"
                    + r.getMeasuredAt().getEpochSecond() / 60);
            SchoolProfile p = profiles.get(r.getSchoolId());
            assertThat(r.getEnergySource()).as("the registry's heating source").isEqualTo(p.getHeatingSource());
            assertThat(r.getHeatingOn()).isTrue();
            assertThat(r.getCoolingOn()).isFalse();
        });
        assertThat(readings).as("a school that heats with coal")
                .anyMatch(r -> r.getEnergySource() == EnergySource.COAL);
    }

    @Test
    void everyReadingKeepsTheRecordRules() {
        RecordRules rules = new RecordRules(CLOCK);
        assertThat(sink.records).allSatisfy(r -> assertThat(rules.check(r)).as(r.toString()).isEmpty());
    }

    @Test
    void coldMorningsWarmUpWithinFifteenMinutesAndTheDayIsInRange() {
        Map<String, List<ClimateReading>> roomDays = roomDays();
        long coldMornings = roomDays.values().stream().filter(rs -> rs.get(0).getTemperatureC() < 17.5).count();
        assertThat(coldMornings).as("cold mornings, 15-17 °C at 08:00").isPositive();
        assertThat(roomDays.values()).allSatisfy(rs -> {
            assertThat(rs.get(0).getTemperatureC()).isBetween(15.0, 22.0);
            ClimateReading nine = rs.get(12);
            assertThat(time(nine)).isEqualTo(LocalTime.of(9, 0));
        });
        Set<String> episodeRooms = new HashSet<>();
        simulator.episodes().forEach(e -> e.rooms().forEach(room -> episodeRooms.add(e.schoolId() + "|" + room + "|" + e.day())));
        roomDays.forEach((key, rs) -> {
            if (!episodeRooms.contains(key)) {
                assertThat(rs).filteredOn(r -> !time(r).isBefore(LocalTime.of(8, 15)))
                        .as(key).allSatisfy(r -> assertThat(r.getTemperatureC()).isBetween(18.0, 23.0));
            }
        });
    }

    /**
     * The alert rule, recounted here: a run of consecutive out-of-range readings (below 18 °C) of a room spanning
     * at least 20 minutes of measuredAt. Exactly the boiler failures' rooms have one, one each, spanning the hour.
     */
    @Test
    void onlyBoilerFailuresMakeOutOfRangeRunsOfTwentyMinutesOneARoom() {
        List<ClimateEpisode> failures = simulator.boilerFailures();
        assertThat(failures).isNotEmpty();
        Map<String, List<Instant[]>> runs = new HashMap<>();
        roomDays().forEach((key, rs) -> {
            Instant first = null;
            Instant last = null;
            for (ClimateReading r : rs) {
                if (r.getTemperatureC() < 18) {
                    first = first == null ? r.getMeasuredAt() : first;
                    last = r.getMeasuredAt();
                } else {
                    addRun(runs, key, first, last);
                    first = null;
                }
            }
            addRun(runs, key, first, last);
        });
        Map<String, List<Instant[]>> expected = new HashMap<>();
        for (ClimateEpisode failure : failures) {
            Map<String, SchoolProfile> profiles = sink.of(SchoolProfile.class).stream()
                    .collect(Collectors.toMap(SchoolProfile::getSchoolId, p -> p));
            assertThat(profiles.get(failure.schoolId()).getHeatingSource()).isNotEqualTo(EnergySource.NONE);
            assertThat(Duration.between(failure.start(), failure.end())).isEqualTo(Duration.ofHours(1));
            assertThat(failure.rooms()).hasSize((int) byId.values().stream()
                    .filter(r -> r.getSchoolId().equals(failure.schoolId())).map(ClimateReading::getRoomId).distinct().count());
            for (String room : failure.rooms()) {
                expected.put(failure.schoolId() + "|" + room + "|" + failure.day(),
                        List.<Instant[]>of(new Instant[] {failure.start(), failure.end()}));
            }
        }
        assertThat(runs.keySet()).isEqualTo(expected.keySet());
        runs.forEach((key, list) -> assertThat(list).singleElement().satisfies(run ->
                assertThat(run).containsExactly(expected.get(key).get(0))));
        assertThat(byId.values()).as("some rooms fall below 14 °C").anyMatch(r -> r.getTemperatureC() < 14
                && failures.stream().anyMatch(f -> f.schoolId().equals(r.getSchoolId())));
        // After each failure the rooms are back in range for at least 20 minutes, so an alert can resolve.
        for (ClimateEpisode failure : failures) {
            for (String room : failure.rooms()) {
                List<ClimateReading> after = roomDays().get(failure.schoolId() + "|" + room + "|" + failure.day())
                        .stream().filter(r -> r.getMeasuredAt().isAfter(failure.end())).toList();
                assertThat(Duration.between(after.get(0).getMeasuredAt(), after.get(after.size() - 1).getMeasuredAt()))
                        .isGreaterThanOrEqualTo(Duration.ofMinutes(20));
            }
        }
        assertThat(simulator.stats().get("episodes.boiler_failure")).isEqualTo(failures.size());
    }

    private static void addRun(Map<String, List<Instant[]>> runs, String key, Instant first, Instant last) {
        if (first != null && Duration.between(first, last).compareTo(Duration.ofMinutes(20)) >= 0) {
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(new Instant[] {first, last});
        }
    }

    @Test
    void aFlappingSensorAlternatesAroundTheLimit() {
        List<ClimateEpisode> flapping = simulator.episodes().stream()
                .filter(e -> e.kind() == ClimateEpisode.Kind.FLAPPING_SENSOR).toList();
        assertThat(flapping).isNotEmpty();
        for (ClimateEpisode e : flapping) {
            List<Double> temps = roomDays().get(e.schoolId() + "|" + e.rooms().get(0) + "|" + e.day()).stream()
                    .filter(r -> !r.getMeasuredAt().isBefore(e.start()) && !r.getMeasuredAt().isAfter(e.end()))
                    .map(ClimateReading::getTemperatureC).toList();
            assertThat(temps).hasSizeGreaterThan(10);
            for (int i = 0; i < temps.size(); i++) {
                assertThat(temps.get(i)).isEqualTo(i % 2 == 0 ? 17.5 : 18.5);
            }
        }
    }

    @Test
    void lateReadingsArriveShuffledAfterLaterOnesWithinAnHour() {
        List<ClimateEpisode> late = simulator.episodes().stream()
                .filter(e -> e.kind() == ClimateEpisode.Kind.LATE_READINGS).toList();
        assertThat(late).isNotEmpty();
        for (ClimateEpisode e : late) {
            List<ClimateReading> sent = readings.stream().filter(r -> r.getSchoolId().equals(e.schoolId())
                    && day(r).equals(e.day())).toList();
            List<Integer> heldAt = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < sent.size(); i++) {
                ClimateReading r = sent.get(i);
                if (seen.add(r.getReadingId()) && r.getRoomId().equals(e.rooms().get(0)) && !r.getMeasuredAt().isBefore(e.start())
                        && !r.getMeasuredAt().isAfter(e.end())) {
                    heldAt.add(i);
                    // Sent after a later reading of the school, but before any reading more than an hour later.
                    assertThat(sent.subList(0, i)).anyMatch(earlier -> earlier.getMeasuredAt().isAfter(e.end()));
                    assertThat(sent.subList(0, i)).noneMatch(earlier -> earlier.getMeasuredAt()
                            .isAfter(r.getMeasuredAt().plus(Duration.ofHours(1))));
                }
            }
            assertThat(heldAt).hasSize(12);
            List<Instant> order = heldAt.stream().map(i -> sent.get(i).getMeasuredAt()).toList();
            assertThat(order).as("shuffled").isNotEqualTo(order.stream().sorted().toList());
        }
    }

    @Test
    void retriedReadingsRepeatTheirIds() {
        assertThat(readings.size() - byId.size()).isEqualTo(simulator.stats().get("faults.retried_readings"));
        assertThat(simulator.stats().get("sent.ClimateReading")).isEqualTo(readings.size());
    }

    @Test
    void climateSchoolsSizeTheVolume() throws Exception {
        SimulatorTest.RecordingSink few = new SimulatorTest.RecordingSink();
        Simulator sim = new Simulator(new SimulatorOptions(80, 3, 0, 1.0, 17, 0, 0).withClimate(1, SchoolShare.count(5)),
                REFS, few, CLOCK);
        sim.run();
        Set<String> senders = few.of(ClimateReading.class).stream().map(ClimateReading::getSchoolId)
                .collect(Collectors.toSet());
        assertThat(senders).hasSizeBetween(5, 6).isEqualTo(sim.climateSchools().stream().map(SimulatedSchool::id)
                .collect(Collectors.toSet()));
        assertThat(few.of(ClimateReading.class)).allMatch(r -> day(r).equals(TODAY))
                .anyMatch(r -> r.getEnergySource() == EnergySource.COAL);
        assertThat(SchoolShare.parse("10%")).isEqualTo(SchoolShare.fraction(0.1));
        assertThat(SchoolShare.parse("0.25").of(80)).isEqualTo(20);
        assertThat(SchoolShare.parse("all").of(80)).isEqualTo(80);

        SimulatorTest.RecordingSink none = new SimulatorTest.RecordingSink();
        new Simulator(new SimulatorOptions(80, 3, 0, 1.0, 17, 0, 0), REFS, none, CLOCK).run();
        assertThat(none.of(ClimateReading.class)).as("the 7-argument options send no readings").isEmpty();
    }

    @Test
    void outOfSeasonReadingsRunNoHeatingAndCoolingSeasonReadingsStayAtOrBelow28() throws Exception {
        // Friday 15 May 2026 (neither season) and Wednesday 10 June 2026 (cooling season), 17:30 in Weihai.
        for (String at : List.of("2026-05-15T09:30:00Z", "2026-06-10T09:30:00Z")) {
            SimulatorTest.RecordingSink s = new SimulatorTest.RecordingSink();
            Clock clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
            new Simulator(new SimulatorOptions(40, 2, 0, 1.0, 5, 0, 0).withClimate(1, SchoolShare.ALL), REFS, s, clock)
                    .run();
            Map<String, EnergySource> sources = s.of(SchoolProfile.class).stream()
                    .collect(Collectors.toMap(SchoolProfile::getSchoolId, SchoolProfile::getHeatingSource));
            boolean cooling = at.startsWith("2026-06");
            assertThat(s.of(ClimateReading.class)).isNotEmpty().allSatisfy(r -> {
                assertThat(r.getHeatingOn()).isFalse();
                boolean ac = sources.get(r.getSchoolId()) == EnergySource.HEAT_PUMP
                        || sources.get(r.getSchoolId()) == EnergySource.ELECTRIC;
                assertThat(r.getCoolingOn()).isEqualTo(cooling && ac);
                assertThat(r.getEnergySource()).isEqualTo(r.getCoolingOn() ? sources.get(r.getSchoolId()) : EnergySource.NONE);
                if (cooling) {
                    assertThat(r.getTemperatureC()).isLessThanOrEqualTo(28.0);
                }
            });
            RecordRules rules = new RecordRules(clock);
            assertThat(s.records).allSatisfy(r -> assertThat(rules.check(r)).as(r.toString()).isEmpty());
            assertThat(s.of(ClimateReading.class)).noneMatch(r -> r.getTemperatureC() < 14);
        }
    }

    /** Readings without retries by school|room|day, in measuredAt order. */
    private static Map<String, List<ClimateReading>> roomDays() {
        Map<String, List<ClimateReading>> rooms = byId.values().stream().collect(Collectors.groupingBy(
                r -> r.getSchoolId() + "|" + r.getRoomId() + "|" + day(r)));
        rooms.values().forEach(list -> list.sort((a, b) -> a.getMeasuredAt().compareTo(b.getMeasuredAt())));
        return rooms;
    }
}
