package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.producers.simulator.ClimateEpisode;
import org.ruraledu.producers.simulator.SchoolShare;
import org.ruraledu.producers.simulator.Simulator;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.topics.Topics;

/**
 * Care and heating end to end, on the local pipeline with simulated schools (care reports, classroom readings with
 * boiler failures, a flapping sensor, late and retried readings): the KPIs equal a recount of the input written here
 * from the README's rules, every classroom gets the HEATING_OUT_OF_RANGE alerts that the README's run rule gives
 * for its readings, and every simulated boiler failure exactly one, resolved after the repair.
 *
 * <p>So that the test means the same on any day of the year, the pipeline and the simulator run on one clock
 * ({@code clock.start}) from an afternoon of the heating season, the pipeline gets a school calendar in which every
 * day around that day is a school day (the built-in calendar's holidays are covered by topology tests), and a
 * reading window of a week. On real time the test failed out of season (from April to May, and from mid-September
 * to mid-November, readings count nowhere, so there was nothing to recount) and skipped the boiler failures in the
 * cooling season.
 */
class CareHeatingPipelineIT {
    private static final ZoneId WEIHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration DEBOUNCE = Duration.ofMinutes(20);
    private static final Duration MAX_GAP = Duration.ofHours(1);
    private static final Set<EnergySource> NOT_CLEAN = Set.of(EnergySource.COAL, EnergySource.NONE);
    /** A Wednesday afternoon of the heating season: today's readings run to 14:30, late enough for a boiler to fail. */
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 9, 14, 30);

    private static LocalPipeline pipeline;
    private static Simulator simulator;

    @BeforeAll
    static void simulateSchools() throws Exception {
        LocalDate today = START.toLocalDate();
        Path calendar = PipelineTesting.oneTermCalendar(EnumSet.allOf(DayOfWeek.class), today.minusDays(40),
                today.plusDays(40));
        pipeline = PipelineTesting.startPipeline("care-heating", Map.of("calendar.file", calendar.toString(),
                "heating.reading.window.days", "7", "clock.start", START.toString()));
        simulator = PipelineTesting.simulator(pipeline,
                new SimulatorOptions(24, 3, 0, 1.0, 8080, 0, 0).withClimate(2, SchoolShare.ALL),
                new StudentRefs("care-heating-test-key-care-heating-test".getBytes()));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void careKpisEqualARecountOfTheLatestReportPerSchoolAndMonth() {
        Map<String, SchoolProfile> schools = registry();
        // The latest report per school and month; a reportId seen before is a retry and changes nothing.
        Map<String, CareReport> latest = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (CareReport r : PipelineTesting.values(pipeline, Topics.CARE_REPORTS)) {
            if (seen.add(r.getSchoolId() + "|" + r.getReportId())) {
                latest.put(r.getSchoolId() + "|" + r.getMonth(), r);
            }
        }
        assertThat(latest).as("the simulator sends care reports").isNotEmpty();
        Map<String, double[]> byCell = new TreeMap<>(); // contacted, registered, operating, required, home visits
        latest.values().forEach(r -> {
            SchoolProfile school = schools.get(r.getSchoolId());
            boolean required = school.getActive() && school.getRural() && r.getRegistered() > 0;
            for (String scope : List.of(school.getDistrict(), District.CITY)) {
                double[] cell = byCell.computeIfAbsent(scope + "|" + r.getMonth() + "-01", k -> new double[5]);
                cell[0] += r.getContacted();
                cell[1] += r.getRegistered();
                cell[2] += required && r.getCareRoomOperating() ? 1 : 0;
                cell[3] += required ? 1 : 0;
                cell[4] += r.getHomeVisits();
            }
        });
        assertThat(byCell.values()).as("some school must run a care room, and one of them does not")
                .anyMatch(c -> c[3] > c[2]);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Kpi> contact = byCellKey("metric=care.contact_coverage&period=month");
            Map<String, Kpi> rooms = byCellKey("metric=care.room_coverage&period=month");
            Map<String, Kpi> visits = byCellKey("metric=care.home_visits&period=month");
            byCell.forEach((cell, c) -> {
                assertThat(contact.get(cell)).as("care.contact_coverage %s", cell).isNotNull()
                        .satisfies(k -> assertThat(k.numerator()).isEqualTo(c[0]))
                        .satisfies(k -> assertThat(k.denominator()).isEqualTo(c[1]));
                if (c[3] > 0) {
                    assertThat(rooms.get(cell)).as("care.room_coverage %s", cell).isNotNull()
                            .satisfies(k -> assertThat(k.numerator()).isEqualTo(c[2]))
                            .satisfies(k -> assertThat(k.denominator()).isEqualTo(c[3]));
                }
                assertThat(visits.get(cell)).as("care.home_visits %s", cell).isNotNull()
                        .extracting(Kpi::value).isEqualTo(c[4]);
            });
        });
    }

    @Test
    void heatingKpisEqualARecountOfTheCountedReadings() {
        Map<String, SchoolProfile> schools = registry();
        Map<String, List<ClimateReading>> counted = countedByRoom();
        assertThat(counted).as("classroom readings in school hours").isNotEmpty();
        Map<String, double[]> byCell = new TreeMap<>(); // counted, in range, coldest, hottest
        Map<String, ClimateReading> latestHeated = new HashMap<>(); // per school and day
        counted.values().forEach(room -> room.forEach(r -> {
            String school = r.getSchoolId();
            String day = day(r.getMeasuredAt()).toString();
            for (String scope : List.of(schools.get(school).getDistrict(), District.CITY)) {
                double[] cell = byCell.computeIfAbsent(scope + "|" + day,
                        k -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                cell[0]++;
                cell[1] += inRange(r) ? 1 : 0;
                cell[2] = Math.min(cell[2], r.getTemperatureC());
                cell[3] = Math.max(cell[3], r.getTemperatureC());
            }
            if (r.getHeatingOn()) {
                latestHeated.merge(school + "|" + day, r,
                        (a, b) -> b.getMeasuredAt().isAfter(a.getMeasuredAt()) ? b : a);
            }
        }));
        Map<String, double[]> energy = new TreeMap<>(); // clean, heated
        latestHeated.forEach((schoolDay, r) -> {
            String day = schoolDay.substring(schoolDay.lastIndexOf('|') + 1);
            for (String scope : List.of(schools.get(r.getSchoolId()).getDistrict(), District.CITY)) {
                double[] cell = energy.computeIfAbsent(scope + "|" + day, k -> new double[2]);
                cell[0] += NOT_CLEAN.contains(r.getEnergySource()) ? 0 : 1;
                cell[1]++;
            }
        });

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Kpi> compliance = byCellKey("metric=heating.compliance&period=day");
            Map<String, Kpi> coldest = byCellKey("metric=heating.coldest_room_c&period=day");
            Map<String, Kpi> hottest = byCellKey("metric=heating.hottest_room_c&period=day");
            Map<String, Kpi> clean = byCellKey("metric=heating.clean_energy_share&period=day");
            byCell.forEach((cell, c) -> {
                assertThat(compliance.get(cell)).as("heating.compliance %s", cell).isNotNull()
                        .satisfies(k -> assertThat(k.numerator()).isEqualTo(c[1]))
                        .satisfies(k -> assertThat(k.denominator()).isEqualTo(c[0]));
                // The KPI keeps tenths of a degree.
                assertThat(coldest.get(cell).value()).as("coldest room %s", cell).isCloseTo(c[2], within(0.051));
                assertThat(hottest.get(cell).value()).as("hottest room %s", cell).isCloseTo(c[3], within(0.051));
            });
            energy.forEach((cell, c) -> assertThat(clean.get(cell)).as("heating.clean_energy_share %s", cell)
                    .isNotNull()
                    .satisfies(k -> assertThat(k.numerator()).isEqualTo(c[0]))
                    .satisfies(k -> assertThat(k.denominator()).isEqualTo(c[1])));
        });
    }

    @Test
    void everyClassroomGetsTheAlertsOfItsRunsAndEveryBoilerFailureExactlyOneResolvedAfterRepair() {
        Map<String, List<ClimateReading>> counted = countedByRoom();
        Map<String, Integer> expectedOpens = new TreeMap<>();
        Map<String, Boolean> expectedOpenAtEnd = new TreeMap<>();
        counted.forEach((room, readings) -> {
            boolean[] open = {false};
            int opens = runRule(readings, open);
            if (opens > 0) {
                expectedOpens.put(room, opens);
                expectedOpenAtEnd.put(room, open[0]);
            }
        });
        List<ClimateEpisode> failures = simulator.boilerFailures();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, List<Alert>> byRoom = new TreeMap<>();
            for (Alert a : PipelineTesting.values(pipeline, Topics.ALERTS)) {
                if (a.type() == AlertType.HEATING_OUT_OF_RANGE) {
                    String[] id = a.alertId().split(":"); // HEATING_OUT_OF_RANGE:{school}:{room}:{day}:{n}
                    byRoom.computeIfAbsent(id[1] + "|" + id[2], k -> new ArrayList<>()).add(a);
                }
            }
            Map<String, Integer> opens = new TreeMap<>();
            Map<String, Boolean> openAtEnd = new TreeMap<>();
            byRoom.forEach((room, alerts) -> {
                opens.put(room, (int) alerts.stream().filter(a -> a.state() == Alert.AlertState.OPEN).count());
                Map<String, Alert.AlertState> lastById = new HashMap<>();
                alerts.forEach(a -> lastById.put(a.alertId(), a.state()));
                openAtEnd.put(room, lastById.containsValue(Alert.AlertState.OPEN)
                        || lastById.containsValue(Alert.AlertState.UPDATED));
            });
            assertThat(opens).as("HEATING_OUT_OF_RANGE opened per room").isEqualTo(expectedOpens);
            assertThat(openAtEnd).as("rooms whose alert is still open").isEqualTo(expectedOpenAtEnd);
            for (ClimateEpisode failure : failures) {
                for (String room : failure.rooms()) {
                    List<Alert> alerts = byRoom.getOrDefault(failure.schoolId() + "|" + room, List.of()).stream()
                            .filter(a -> a.periodStart().equals(failure.day())).toList();
                    assertThat(alerts).as("alerts of %s in room %s", failure, room)
                            .filteredOn(a -> a.state() == Alert.AlertState.OPEN).singleElement()
                            // observed: the reading that opened it, one of the failure's (below 18 °C)
                            .satisfies(a -> assertThat(a.observed()).isLessThan(18.0));
                    assertThat(alerts.get(alerts.size() - 1)).satisfies(a -> {
                        assertThat(a.state()).isEqualTo(Alert.AlertState.RESOLVED);
                        // the reading that resolved it: back in range after the repair
                        assertThat(a.observed()).isGreaterThanOrEqualTo(18.0);
                    });
                }
            }
        });
        assertThat(failures).as("the simulated days are in the heating season: boilers fail").isNotEmpty();
    }

    /**
     * The README's rule for one room's counted readings: runs of in-range or out-of-range readings in measuredAt
     * order, broken by a gap over {@link #MAX_GAP}; an out-of-range run spanning {@link #DEBOUNCE} opens an alert,
     * an in-range run of that span resolves it. Returns how many alerts open; {@code open[0]} says if one is at the end.
     */
    private static int runRule(List<ClimateReading> readings, boolean[] open) {
        int opens = 0;
        Instant runStart = null;
        Instant previous = null;
        Boolean runInRange = null;
        for (ClimateReading r : readings) {
            boolean in = inRange(r);
            if (previous == null || Duration.between(previous, r.getMeasuredAt()).compareTo(MAX_GAP) > 0
                    || runInRange != in) {
                runStart = r.getMeasuredAt();
                runInRange = in;
            }
            previous = r.getMeasuredAt();
            boolean spans = Duration.between(runStart, r.getMeasuredAt()).compareTo(DEBOUNCE) >= 0;
            if (spans && !open[0] && !in) {
                open[0] = true;
                opens++;
            } else if (spans && open[0] && in) {
                open[0] = false;
            }
        }
        return opens;
    }

    /** Counted readings per school|room, each readingId once, in measuredAt order. */
    private static Map<String, List<ClimateReading>> countedByRoom() {
        Set<String> seen = new HashSet<>();
        Map<String, List<ClimateReading>> byRoom = new TreeMap<>();
        for (ClimateReading r : PipelineTesting.values(pipeline, Topics.CLIMATE_READINGS)) {
            if (seen.add(r.getSchoolId() + "|" + r.getReadingId()) && season(r) != null) {
                byRoom.computeIfAbsent(r.getSchoolId() + "|" + r.getRoomId(), k -> new ArrayList<>()).add(r);
            }
        }
        byRoom.values().forEach(room -> room.sort(Comparator.comparing(ClimateReading::getMeasuredAt)));
        return byRoom;
    }

    /** "heating", "cooling", or null when the reading counts nowhere (every day is a school day here). */
    private static String season(ClimateReading r) {
        ZonedDateTime local = r.getMeasuredAt().atZone(WEIHAI);
        LocalTime time = local.toLocalTime();
        if (time.isBefore(LocalTime.of(8, 0)) || !time.isBefore(LocalTime.of(17, 0))) {
            return null;
        }
        MonthDay day = MonthDay.from(local);
        if (!day.isBefore(MonthDay.of(11, 15)) || !day.isAfter(MonthDay.of(3, 31))) {
            return "heating";
        }
        return !day.isBefore(MonthDay.of(6, 1)) && !day.isAfter(MonthDay.of(9, 15)) ? "cooling" : null;
    }

    private static boolean inRange(ClimateReading r) {
        return season(r).equals("heating") ? r.getTemperatureC() >= 18 : r.getTemperatureC() <= 28;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WEIHAI);
    }

    private static Map<String, SchoolProfile> registry() {
        Map<String, SchoolProfile> schools = new HashMap<>();
        PipelineTesting.values(pipeline, Topics.SCHOOL_REGISTRY).forEach(s -> schools.put(s.getSchoolId(), s));
        return schools;
    }

    /** KPI records of a query by {@code scope|periodStart}. */
    private static Map<String, Kpi> byCellKey(String query) throws Exception {
        Map<String, Kpi> byCell = new HashMap<>();
        for (Kpi k : PipelineTesting.kpis(pipeline, query)) {
            byCell.put(k.scope() + "|" + k.periodStart(), k);
        }
        return byCell;
    }
}
