package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.streams.heating.Heating;
import org.ruraledu.topics.DeadLetterHeaders;

/**
 * Classroom heating and cooling (取暖消暑) through the production topology: which readings count (school days and
 * hours of the calendar, the seasons' first and last days), the limits, retries, the reading window, and the
 * KPIs per district and city, day and month, against a recount in this test.
 */
class HeatingTopologyTest {
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private TopologyFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /** Starts the topology at {@code localTime} in Weihai, with school w1 in wendeng and w2 in rongcheng. */
    private void startAt(String localTime, Map<String, String> overrides) {
        fx = new TopologyFixture(List.of(new Heating()), overrides, at(localTime));
        fx.register(school("w1", "wendeng"), school("w2", "rongcheng"));
    }

    private static Instant at(String localTime) {
        return LocalDateTime.parse(localTime).atZone(CITY).toInstant();
    }

    private static ClimateReading reading(String id, String school, String localTime, double c) {
        return reading(id, school, "room-1", localTime, c, true, EnergySource.ELECTRIC);
    }

    private static ClimateReading reading(String id, String school, String room, String localTime, double c,
            boolean heatingOn, EnergySource source) {
        return ClimateReading.newBuilder().setReadingId(id).setSchoolId(school).setRoomId(room)
                .setMeasuredAt(at(localTime)).setTemperatureC(c).setHeatingOn(heatingOn).setCoolingOn(false)
                .setEnergySource(heatingOn ? source : EnergySource.NONE).build();
    }

    /** Sends the readings and lets the summed school days go on to the KPIs (heating.kpi.interval). */
    private void send(ClimateReading... readings) {
        fx.send(readings);
        fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    private Kpi kpi(String scope, String metric, String period, String start) {
        return fx.kpiStore().get(scope + "|" + metric + "|" + period + "|" + start);
    }

    private Kpi compliance(String scope, String period, String start) {
        return kpi(scope, "heating.compliance", period, start);
    }

    // ---- which readings count -------------------------------------------------------------------------------

    @Test
    void onlyReadingsOfSchoolHoursCount() {
        startAt("2026-03-10T17:30", Map.of());
        send(reading("early", "w1", "2026-03-10T07:59", 10), reading("first", "w1", "2026-03-10T08:00", 19),
                reading("last", "w1", "2026-03-10T16:59", 17), reading("late", "w1", "2026-03-10T17:00", 10));

        Kpi day = compliance("wendeng", "day", "2026-03-10");
        assertThat(day.denominator()).as("08:00 and 16:59 count, 07:59 and 17:00 not").isEqualTo(2.0);
        assertThat(day.numerator()).isEqualTo(1.0);
        assertThat(kpi("wendeng", "heating.coldest_room_c", "day", "2026-03-10").value()).isEqualTo(17.0);
        assertThat(kpi("wendeng", "heating.hottest_room_c", "day", "2026-03-10").value()).isEqualTo(19.0);
    }

    @Test
    void weekendsHolidaysAndVacationsCountNowhereButAMakeUpDayCounts() {
        // 2026-01-01 (Thu) and 01-02 (Fri) are New Year holidays, 01-03 a Saturday, 01-04 a Sunday that is a
        // make-up school day (调休) of the built-in calendar; 2026-01-05 a Monday.
        startAt("2026-01-05T17:30", Map.of("heating.reading.window.days", "5"));
        send(reading("holiday-thu", "w1", "2026-01-01T10:00", 12), reading("holiday-fri", "w1", "2026-01-02T10:00", 12),
                reading("saturday", "w1", "2026-01-03T10:00", 12), reading("make-up", "w1", "2026-01-04T10:00", 20),
                reading("monday", "w1", "2026-01-05T10:00", 16));

        assertThat(compliance("wendeng", "day", "2026-01-01")).isNull();
        assertThat(compliance("wendeng", "day", "2026-01-02")).isNull();
        assertThat(compliance("wendeng", "day", "2026-01-03")).isNull();
        assertThat(compliance("wendeng", "day", "2026-01-04").value()).isEqualTo(1.0);
        Kpi month = compliance("wendeng", "month", "2026-01-01");
        assertThat(month.numerator()).isEqualTo(1.0);
        assertThat(month.denominator()).isEqualTo(2.0);
        assertThat(kpi("city", "heating.coldest_room_c", "month", "2026-01-01").value())
                .as("the holidays' 12 °C counted nowhere").isEqualTo(16.0);
        assertThat(fx.newDeadLetters()).as("stored as received, not refused").isEmpty();
    }

    @Test
    void aSundayAndTheWinterVacationCountNowhere() {
        // 2026-02-10 (Tue) lies between the autumn term (to 01-23) and the spring term (from 03-02).
        startAt("2026-02-10T17:30", Map.of("heating.reading.window.days", "5"));
        send(reading("sunday", "w1", "2026-02-08T10:00", 12), reading("vacation", "w1", "2026-02-10T10:00", 12));

        assertThat(fx.kpiStore().get("city|heating.compliance|month|2026-02-01")).isNull();
        assertThat(fx.keysOf("heating-summed-figures-store")).isEmpty();
    }

    // ---- seasons --------------------------------------------------------------------------------------------

    @Test
    void theHeatingSeasonsLastDayCountsAndTheNextDayNot() {
        startAt("2026-04-01T17:30", Map.of());
        send(reading("mar-31", "w1", "2026-03-31T10:00", 17.9), reading("apr-01", "w1", "2026-04-01T10:00", 12));

        assertThat(compliance("wendeng", "day", "2026-03-31").value()).as("17.9 °C is below 18").isEqualTo(0.0);
        assertThat(compliance("wendeng", "day", "2026-04-01")).isNull();
        assertThat(compliance("wendeng", "month", "2026-04-01")).isNull();
    }

    @Test
    void theHeatingSeasonsFirstDayCountsAndTheDayBeforeNot() throws Exception {
        // 15 and 14 November 2026 are a Sunday and a Saturday: a calendar that makes both school days (调休).
        startAt("2026-11-16T17:30", Map.of("calendar.file", calendarWithMakeUpDays("2026-11-14", "2026-11-15")
                .toString(), "heating.reading.window.days", "5"));
        send(reading("nov-14", "w1", "2026-11-14T10:00", 10), reading("nov-15", "w1", "2026-11-15T10:00", 18.0),
                reading("nov-16", "w1", "2026-11-16T10:00", 18.4));

        assertThat(compliance("wendeng", "day", "2026-11-14")).as("the day before the season").isNull();
        assertThat(compliance("wendeng", "day", "2026-11-15").value()).as("18.0 °C is in range").isEqualTo(1.0);
        Kpi month = compliance("wendeng", "month", "2026-11-01");
        assertThat(month.denominator()).isEqualTo(2.0);
        assertThat(month.numerator()).isEqualTo(2.0);
    }

    @Test
    void theCoolingSeasonsFirstDayCountsAndTheSchoolDayBeforeNot() {
        // 2026-05-30/31 are a weekend: the school day before the season is Friday 05-29.
        startAt("2026-06-01T17:30", Map.of("heating.reading.window.days", "5"));
        send(reading("may-29", "w1", "2026-05-29T10:00", 35), reading("jun-01-hot", "w1", "2026-06-01T10:00", 28.1),
                reading("jun-01-ok", "w1", "2026-06-01T11:00", 28.0));

        assertThat(compliance("wendeng", "day", "2026-05-29")).isNull();
        assertThat(compliance("wendeng", "month", "2026-05-01")).isNull();
        Kpi day = compliance("wendeng", "day", "2026-06-01");
        assertThat(day.numerator()).as("28.0 °C in range, 28.1 not").isEqualTo(1.0);
        assertThat(day.denominator()).isEqualTo(2.0);
        assertThat(kpi("wendeng", "heating.hottest_room_c", "day", "2026-06-01").value()).isEqualTo(28.1);
    }

    @Test
    void theCoolingSeasonsLastDayCountsAndTheNextDayNot() {
        startAt("2026-09-16T17:30", Map.of());
        send(reading("sep-15", "w1", "2026-09-15T10:00", 27), reading("sep-16", "w1", "2026-09-16T10:00", 35));

        assertThat(compliance("wendeng", "day", "2026-09-15").value()).isEqualTo(1.0);
        assertThat(compliance("wendeng", "day", "2026-09-16")).isNull();
        assertThat(compliance("wendeng", "month", "2026-09-01").denominator()).isEqualTo(1.0);
    }

    @Test
    void aHolidayInTheCoolingSeasonCountsNowhere() {
        // 2026-06-19 (Fri) is the Dragon Boat Festival.
        startAt("2026-06-19T17:30", Map.of());
        send(reading("holiday", "w1", "2026-06-19T10:00", 33), reading("thursday", "w1", "2026-06-18T10:00", 26));

        assertThat(compliance("wendeng", "day", "2026-06-19")).isNull();
        assertThat(compliance("wendeng", "month", "2026-06-01").denominator()).isEqualTo(1.0);
    }

    @Test
    void theLimitsAndSeasonsAreSettings() {
        startAt("2026-04-01T17:30", Map.of("heating.season.to", "04-15", "heating.min.c", "16",
                "heating.critical.cold.c", "12"));
        send(reading("cool", "w1", "2026-04-01T10:00", 16.0));

        assertThat(compliance("wendeng", "day", "2026-04-01").value()).isEqualTo(1.0);
    }

    // ---- retries and the reading window ---------------------------------------------------------------------

    @Test
    void aRetryChangesNothingEvenLaterButAnotherIdWithTheSameValuesCounts() {
        startAt("2026-03-10T17:30", Map.of());
        ClimateReading first = reading("r1", "w1", "2026-03-10T09:00", 15);
        send(first, first);
        assertThat(compliance("city", "day", "2026-03-10").denominator()).isEqualTo(1.0);

        send(reading("r2", "w1", "2026-03-10T09:05", 20));
        fx.newKpis();
        send(first);
        assertThat(fx.newKpis()).as("a later retry publishes nothing").isEmpty();
        assertThat(compliance("city", "day", "2026-03-10").denominator()).isEqualTo(2.0);

        send(reading("r3", "w1", "2026-03-10T09:00", 15));
        Kpi day = compliance("city", "day", "2026-03-10");
        assertThat(day.denominator()).as("another reading with the same values").isEqualTo(3.0);
        assertThat(day.numerator()).isEqualTo(1.0);
    }

    @Test
    void readingIdsAreForgottenAfterTheWindowAndOlderReadingsAreDeadLettered() {
        startAt("2026-03-10T17:30", Map.of());
        ClimateReading first = reading("r1", "w1", "2026-03-10T09:00", 15);
        send(first, reading("r2", "w1", "2026-03-09T09:00", 20));
        assertThat(fx.keysOf("heating-reading-ids-store"))
                .containsExactly("2026-03-09|w1|r2", "2026-03-10|w1|r1");
        assertThat(fx.keysOf("heating-summed-figures-store")).containsExactly("w1|2026-03-09", "w1|2026-03-10");

        // Two days on (window 2): 03-10 is the first day of the window, 03-09 is forgotten.
        fx.clock.advance(Duration.ofDays(2));
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        assertThat(fx.keysOf("heating-reading-ids-store")).containsExactly("2026-03-10|w1|r1");
        assertThat(fx.keysOf("heating-summed-figures-store")).containsExactly("w1|2026-03-10");
        fx.newKpis();

        send(reading("r2", "w1", "2026-03-09T09:00", 20), first);
        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).hasSize(1);
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("TOO_OLD");
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.FIELD)).isEqualTo("measuredAt");
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.REASON))
                .contains("2026-03-09", "heating.reading.window.days");
        assertThat(fx.newKpis()).isEmpty();
        assertThat(compliance("city", "month", "2026-03-01").denominator()).isEqualTo(2.0);
    }

    /**
     * A school's latest heated reading is kept per month, ISO week and term: 31 March (a Tuesday) is in the month of
     * March, the week from Monday 30 March (to 5 April) and the spring term (2026-03-02 to 2026-07-03). Each is
     * forgotten once it ended before the window (2 days).
     */
    @Test
    void theEnergyPeriodsAreForgottenOnceTheWindowLeftThem() {
        startAt("2026-03-31T17:30", Map.of());
        send(reading("r1", "w1", "2026-03-31T09:00", 19));
        assertThat(fx.keysOf("heating-energy-month-store")).containsExactlyInAnyOrder("w1|2026-03-01",
                "w1|week|2026-03-30", "w1|term|2026-03-02");

        fx.clock.advance(Duration.ofDays(3)); // 04-03: the window starts 04-01
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        assertThat(fx.keysOf("heating-energy-month-store")).containsExactlyInAnyOrder("w1|week|2026-03-30",
                "w1|term|2026-03-02");
        assertThat(fx.keysOf("heating-reading-ids-store")).isEmpty();
        assertThat(fx.keysOf("heating-summed-figures-store")).isEmpty();

        fx.clock.advance(Duration.ofDays(5)); // 04-08: the window starts 04-06, the week ended on the 5th
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        assertThat(fx.keysOf("heating-energy-month-store")).containsExactly("w1|term|2026-03-02");

        fx.clock.advance(Duration.ofDays(89)); // 07-06: the window starts 07-04, the term ended on the 3rd
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        assertThat(fx.keysOf("heating-energy-month-store")).isEmpty();
    }

    @Test
    void impossibleReadingsOnTheTopicAreDeadLetteredNamingTheField() {
        startAt("2026-03-10T17:30", Map.of());
        fx.send(reading("hot", "w1", "2026-03-10T09:00", 75), reading("nan", "w1", "2026-03-10T09:00", Double.NaN),
                reading("inf", "w1", "2026-03-10T09:00", Double.NEGATIVE_INFINITY),
                reading("future", "w1", "2026-03-10T17:36", 20));

        List<String> fields = fx.newDeadLetters().stream()
                .map(dead -> DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.ERROR_CODE) + " "
                        + DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.FIELD))
                .toList();
        assertThat(fields).containsExactly("VALIDATION temperatureC", "VALIDATION temperatureC",
                "VALIDATION temperatureC", "VALIDATION measuredAt");
        fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(fx.kpiStore().get("city|heating.compliance|day|2026-03-10")).isNull();
    }

    // ---- KPIs against a recount -----------------------------------------------------------------------------

    @Test
    void kpisPerDistrictAndCityPerDayAndMonthMatchARecount() {
        startAt("2026-03-10T17:30", Map.of());
        List<ClimateReading> readings = List.of(
                reading("a1", "w1", "room-1", "2026-03-09T08:30", 17.5, true, EnergySource.ELECTRIC),
                reading("a2", "w1", "room-2", "2026-03-09T09:00", 19.0, true, EnergySource.ELECTRIC),
                reading("a3", "w1", "room-1", "2026-03-09T18:00", 5.0, true, EnergySource.COAL), // after hours
                reading("a5", "w1", "room-1", "2026-03-10T11:00", 21.5, true, EnergySource.COAL),
                reading("a4", "w1", "room-1", "2026-03-10T10:00", 18.0, true, EnergySource.ELECTRIC), // earlier, later
                reading("a6", "w1", "room-2", "2026-03-10T12:00", -0.5, false, EnergySource.NONE),
                reading("b1", "w2", "room-1", "2026-03-09T10:00", 0.0, true, EnergySource.NATURAL_GAS),
                reading("b2", "w2", "room-1", "2026-03-10T10:00", 22.0, false, EnergySource.NONE),
                reading("b3", "w2", "room-9", "2026-03-10T16:59", 18.1, true, EnergySource.HEAT_PUMP));
        send(readings.toArray(ClimateReading[]::new));
        // A retry of each reading in another burst: changes nothing.
        send(readings.toArray(ClimateReading[]::new));

        Map<String, Expected> expected = recount(readings, Map.of("w1", "wendeng", "w2", "rongcheng"));
        assertThat(expected).as("2 days and a month, 2 districts and the city").hasSize(9);
        expected.forEach((cell, want) -> {
            String[] at = cell.split("\\|");
            Kpi compliance = kpi(at[0], "heating.compliance", at[1], at[2]);
            assertThat(compliance.numerator()).as(cell + " in range").isEqualTo(want.inRange);
            assertThat(compliance.denominator()).as(cell + " counted").isEqualTo(want.counted);
            assertThat(compliance.value()).as(cell).isCloseTo(want.inRange / want.counted, within(1e-9));
            assertThat(compliance.targetId()).isEqualTo("plan-12-heating-compliance");
            assertThat(compliance.status()).isEqualTo(want.inRange == want.counted ? KpiStatus.MET : KpiStatus.SLIPPED);
            assertThat(kpi(at[0], "heating.coldest_room_c", at[1], at[2]).value()).as(cell).isEqualTo(want.coldest);
            assertThat(kpi(at[0], "heating.hottest_room_c", at[1], at[2]).value()).as(cell).isEqualTo(want.hottest);
            Kpi clean = kpi(at[0], "heating.clean_energy_share", at[1], at[2]);
            assertThat(clean.numerator()).as(cell + " clean").isEqualTo(want.clean);
            assertThat(clean.denominator()).as(cell + " heating").isEqualTo(want.heating);
            assertThat(clean.targetId()).isEqualTo("plan-12-clean-energy");
            assertThat(clean.schools()).as(cell + " schools").isEqualTo((long) want.heating);
        });
    }

    @Test
    void aBurstOfReadingsBecomesOneContributionPerSchoolDay() {
        startAt("2026-03-10T17:30", Map.of());
        List<ClimateReading> burst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            burst.add(reading("r" + i, "w1", "room-" + (i % 6), "2026-03-10T" + String.format("%02d", 8 + i / 12)
                    + ":" + String.format("%02d", (i % 12) * 5), 15 + i / 10.0, true, EnergySource.ELECTRIC));
        }
        fx.send(burst.toArray(ClimateReading[]::new));
        assertThat(fx.newKpis()).as("nothing before the interval").isEmpty();
        fx.driver.advanceWallClockTime(Duration.ofSeconds(1));

        List<String> published = fx.newKpis().stream().map(kv -> kv.key).toList();
        assertThat(published).as("each KPI once per scope and period").doesNotHaveDuplicates()
                .contains("city|heating.compliance|day|2026-03-10");
        Kpi day = compliance("city", "day", "2026-03-10");
        assertThat(day.denominator()).isEqualTo(60.0);
        assertThat(day.numerator()).isEqualTo(burst.stream().filter(r -> r.getTemperatureC() >= 18).count());
        assertThat(kpi("city", "heating.hottest_room_c", "day", "2026-03-10").value()).isEqualTo(20.9);
    }

    /** The figures of one cell as the rules give them. */
    record Expected(double counted, double inRange, double coldest, double hottest, double clean, double heating) {}

    /**
     * The rules applied by hand to readings of spring term (March 2026, heating season, Mondays to Fridays):
     * counted from 08:00 to before 17:00; in range at 18 °C or more; coldest and hottest of the counted; per school
     * and period the latest (measuredAt) counted heated reading decides whether it heats cleanly (all but COAL,
     * NONE). A reading id counts once.
     */
    private static Map<String, Expected> recount(List<ClimateReading> readings, Map<String, String> districts) {
        Set<EnergySource> clean = Set.of(EnergySource.ELECTRIC, EnergySource.HEAT_PUMP, EnergySource.NATURAL_GAS,
                EnergySource.DISTRICT_HEATING, EnergySource.SOLAR, EnergySource.GEOTHERMAL, EnergySource.BIOMASS);
        Predicate<ClimateReading> counted = r -> {
            LocalDateTime local = LocalDateTime.ofInstant(r.getMeasuredAt(), CITY);
            return local.getMonthValue() == 3 && local.getDayOfWeek().getValue() <= 5
                    && !local.toLocalTime().isBefore(LocalTime.of(8, 0))
                    && local.toLocalTime().isBefore(LocalTime.of(17, 0));
        };
        List<ClimateReading> counts = readings.stream().filter(counted)
                .collect(Collectors.toMap(ClimateReading::getReadingId, r -> r, (a, b) -> a)).values().stream()
                .toList();
        Map<String, Expected> cells = new TreeMap<>();
        for (String period : List.of("day", "month")) {
            Map<String, List<ClimateReading>> byCell = new TreeMap<>();
            for (ClimateReading r : counts) {
                LocalDate date = LocalDate.ofInstant(r.getMeasuredAt(), CITY);
                String start = period.equals("day") ? date.toString() : date.withDayOfMonth(1).toString();
                for (String scope : List.of(districts.get(r.getSchoolId().toString()), "city")) {
                    byCell.computeIfAbsent(scope + "|" + period + "|" + start, k -> new ArrayList<>()).add(r);
                }
            }
            byCell.forEach((cell, rs) -> {
                double in = rs.stream().filter(r -> r.getTemperatureC() >= 18).count();
                double min = rs.stream().mapToDouble(ClimateReading::getTemperatureC).min().orElseThrow();
                double max = rs.stream().mapToDouble(ClimateReading::getTemperatureC).max().orElseThrow();
                Map<String, ClimateReading> latestHeated = new TreeMap<>();
                rs.stream().filter(ClimateReading::getHeatingOn)
                        .sorted(Comparator.comparing(ClimateReading::getMeasuredAt))
                        .forEach(r -> latestHeated.put(r.getSchoolId().toString(), r));
                double cleanSchools = latestHeated.values().stream().filter(r -> clean.contains(r.getEnergySource()))
                        .count();
                cells.put(cell, new Expected(rs.size(), in, min, max, cleanSchools, latestHeated.size()));
            });
        }
        return cells;
    }

    /** The built-in calendar with more make-up school days, as a file for {@code calendar.file}. */
    private static java.nio.file.Path calendarWithMakeUpDays(String... days) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode calendar;
        try (var in = org.ruraledu.calendar.SchoolCalendar.class.getResourceAsStream("school-calendar.json")) {
            calendar = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
        }
        Arrays.stream(days).forEach(((com.fasterxml.jackson.databind.node.ArrayNode) calendar.get("makeUpDays"))::add);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("calendar-", ".json");
        file.toFile().deleteOnExit();
        json.writeValue(file.toFile(), calendar);
        return file;
    }
}
