package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.streams.heating.Heating;

/**
 * HEATING_OUT_OF_RANGE through the production topology: the debounce on measuredAt both ways, odd readings, a
 * flapping sensor, CRITICAL, the cooling season, readings out of order (within and beyond the tolerance), the
 * night, and silent rooms forgotten. Readings: school days of the built-in calendar, in Weihai time. Expected
 * alerts come from {@link #oracle}, the README rule applied to the readings in measuredAt order.
 */
class HeatingAlertsTopologyTest {
    private static final ZoneId WEIHAI = ZoneId.of("Asia/Shanghai");
    /** Friday 2026-12-04, 18:00 in Weihai: after the readings of Tue 12-01 .. Fri 12-04 (heating season). */
    private static final Instant DECEMBER = Instant.parse("2026-12-04T10:00:00Z");
    /** Friday 2026-06-05, 18:00 in Weihai (cooling season). */
    private static final Instant JUNE = Instant.parse("2026-06-05T10:00:00Z");

    private final List<TopologyFixture> fixtures = new ArrayList<>();
    private int ids;

    /** A reading of room {@code room} of school s1, {@code at} "2026-12-01T09:00" in Weihai time. */
    private record R(String room, String at, double t) {
        Instant instant() {
            return LocalDateTime.parse(at).atZone(WEIHAI).toInstant();
        }
    }

    @AfterEach
    void stop() {
        fixtures.forEach(TopologyFixture::close);
    }

    @Test
    void anOutOfRangeRunOpensOnlyOnceItSpansTwentyMinutesOnMeasuredAt() {
        TopologyFixture fx = fixture(DECEMBER);
        send(fx, every5("r1", "2026-12-01T08:00", "2026-12-01T08:55", 20));
        send(fx, every5("r1", "2026-12-01T09:00", "2026-12-01T09:15", 16.5));
        send(fx, new R("r1", "2026-12-01T09:19", 16.5)); // spans 19 minutes
        assertThat(heatingAlerts(fx)).isEmpty();

        send(fx, new R("r1", "2026-12-01T09:20", 16.2)); // 20
        List<Alert> opened = heatingAlerts(fx);
        assertThat(opened).hasSize(1);
        Alert a = opened.get(0);
        assertThat(a.alertId()).isEqualTo("HEATING_OUT_OF_RANGE:s1:r1:2026-12-01:1");
        assertThat(a.state()).isEqualTo(Alert.AlertState.OPEN);
        assertThat(a.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(a.district()).isEqualTo("wendeng");
        assertThat(a.schoolId()).isEqualTo("s1");
        assertThat(a.metric()).isEqualTo("heating.room_temperature_c");
        assertThat(a.observed()).isEqualTo(16.2);
        assertThat(a.threshold()).isEqualTo(18.0);
        assertThat(a.periodStart()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(a.planItem()).isEqualTo(12);
        assertThat(a.message().en()).contains("room r1", "School s1 (Wendeng District)", "below the heating standard",
                "18.0 °C", "20 min", "2026-12-01 09:00", "16.2 °C");
        assertThat(a.message().zh()).contains("文登区School s1", "教室r1", "低于取暖标准18.0°C", "20分钟", "16.2°C",
                "第12项");

        send(fx, every5("r1", "2026-12-01T09:25", "2026-12-01T10:00", 16.5));
        assertThat(heatingAlerts(fx)).as("one condition, one alert").isEmpty();
    }

    @Test
    void anOpenAlertResolvesOnlyOnceAnInRangeRunSpansTwentyMinutes() {
        TopologyFixture fx = fixture(DECEMBER);
        send(fx, every5("r1", "2026-12-01T09:00", "2026-12-01T09:30", 16));
        assertThat(states(heatingAlerts(fx))).containsExactly("OPEN WARNING");

        send(fx, new R("r1", "2026-12-01T09:35", 19)); // one warm reading
        send(fx, every5("r1", "2026-12-01T09:40", "2026-12-01T09:50", 16));
        send(fx, every5("r1", "2026-12-01T09:55", "2026-12-01T10:10", 19)); // 15 minutes
        send(fx, new R("r1", "2026-12-01T10:14", 19)); // 19
        assertThat(heatingAlerts(fx)).isEmpty();

        send(fx, new R("r1", "2026-12-01T10:15", 19.5)); // 20
        List<Alert> resolved = heatingAlerts(fx);
        assertThat(states(resolved)).containsExactly("RESOLVED WARNING");
        assertThat(resolved.get(0).alertId()).isEqualTo("HEATING_OUT_OF_RANGE:s1:r1:2026-12-01:1");
        assertThat(resolved.get(0).message().en()).contains("back in range", "since 2026-12-01 09:55", "20 min",
                "19.5 °C");
    }

    @Test
    void oneOddReadingNeverOpensAnAlertEvenACriticalOne() {
        TopologyFixture fx = fixture(DECEMBER);
        List<R> readings = new ArrayList<>(every5("r1", "2026-12-01T08:00", "2026-12-01T16:55", 20));
        readings.set(20, new R("r1", readings.get(20).at(), 9.5));
        readings.set(60, new R("r1", readings.get(60).at(), 17.9));
        send(fx, readings);
        assertThat(heatingAlerts(fx)).isEmpty();
        assertThat(oracle(readings, true)).isEmpty();
    }

    @Test
    void aFlappingSensorOpensNoAlertInOrderNorWhenItsRoomIsDelayed() {
        List<R> flapping = new ArrayList<>();
        List<R> day = every5("r1", "2026-12-01T08:00", "2026-12-01T16:55", 0);
        for (int i = 0; i < day.size(); i++) {
            flapping.add(new R("r1", day.get(i).at(), i % 2 == 0 ? 19 : 15));
        }
        assertThat(oracle(flapping, true)).isEmpty();
        TopologyFixture fx = fixture(DECEMBER);
        send(fx, flapping);
        assertThat(heatingAlerts(fx)).isEmpty();

        // Room r2 flaps too, its readings an hour late but in order, behind r1's (a delayed room).
        List<R> delayed = new ArrayList<>();
        for (int i = 0; i < flapping.size(); i++) {
            delayed.add(new R("r2", flapping.get(i).at(), flapping.get(i).t()));
            if (i >= 12) {
                send(fx, new R("r3", flapping.get(i).at(), 20));
            }
        }
        send(fx, delayed);
        assertThat(heatingAlerts(fx)).isEmpty();
        // Shuffled batches of a flapping sensor are the edge RoomRuns documents (not covered: they can open alerts).
    }

    @Test
    void belowFourteenIsCriticalAtOnceOrAsAnUpdateOfTheOpenAlert() {
        TopologyFixture fx = fixture(DECEMBER);
        send(fx, new R("r1", "2026-12-01T09:00", 15), new R("r1", "2026-12-01T09:10", 13.5),
                new R("r1", "2026-12-01T09:20", 15));
        assertThat(states(heatingAlerts(fx))).containsExactly("OPEN CRITICAL");

        send(fx, new R("r2", "2026-12-01T09:00", 16), new R("r2", "2026-12-01T09:20", 16),
                new R("r2", "2026-12-01T09:30", 16));
        assertThat(states(heatingAlerts(fx))).containsExactly("OPEN WARNING");
        send(fx, new R("r2", "2026-12-01T09:40", 13.9));
        List<Alert> updated = heatingAlerts(fx);
        assertThat(states(updated)).containsExactly("UPDATED CRITICAL");
        assertThat(updated.get(0).observed()).isEqualTo(13.9);
        assertThat(updated.get(0).message().en()).contains("critically", "40 min", "13.9 °C at 2026-12-01 09:40");
        send(fx, new R("r2", "2026-12-01T09:50", 15), new R("r2", "2026-12-01T10:00", 12));
        assertThat(heatingAlerts(fx)).as("CRITICAL stays CRITICAL").isEmpty();
    }

    @Test
    void theCoolingSeasonIsHeldToTwentyEightAndCriticalAboveThirtyTwo() {
        TopologyFixture fx = fixture(JUNE);
        // Tue 2026-06-02 of the spring term.
        List<R> readings = new ArrayList<>(every5("r1", "2026-06-02T13:00", "2026-06-02T13:55", 28)); // 28.0: in range
        readings.addAll(every5("r1", "2026-06-02T14:00", "2026-06-02T14:25", 29.5));
        readings.addAll(every5("r1", "2026-06-02T14:30", "2026-06-02T14:40", 32.5));
        readings.addAll(every5("r1", "2026-06-02T14:45", "2026-06-02T15:20", 26));
        send(fx, readings);
        List<Alert> alerts = heatingAlerts(fx);
        assertThat(states(alerts)).containsExactly("OPEN WARNING", "UPDATED CRITICAL", "RESOLVED CRITICAL")
                .isEqualTo(oracle(readings, false));
        assertThat(alerts.get(0).threshold()).isEqualTo(28.0);
        assertThat(alerts.get(0).message().en()).contains("above the cooling standard of 28.0 °C");
        assertThat(alerts.get(0).message().zh()).contains("高于消暑标准28.0°C");
    }

    @Test
    void hourlyBatchesInAnyOrderGiveTheSameAlertsAsInOrder() {
        List<R> twoDays = boilerFailures();
        List<String> expected = List.of("OPEN WARNING", "UPDATED CRITICAL", "RESOLVED CRITICAL", "OPEN WARNING",
                "RESOLVED WARNING");
        assertThat(oracle(twoDays, true)).isEqualTo(expected);

        TopologyFixture inOrder = fixture(DECEMBER);
        send(inOrder, twoDays);
        List<String> records = records(heatingAlerts(inOrder));
        assertThat(records).containsExactly(
                "HEATING_OUT_OF_RANGE:s1:r1:2026-12-01:1 OPEN WARNING",
                "HEATING_OUT_OF_RANGE:s1:r1:2026-12-01:1 UPDATED CRITICAL",
                "HEATING_OUT_OF_RANGE:s1:r1:2026-12-01:1 RESOLVED CRITICAL",
                "HEATING_OUT_OF_RANGE:s1:r1:2026-12-01:2 OPEN WARNING",
                "HEATING_OUT_OF_RANGE:s1:r1:2026-12-01:2 RESOLVED WARNING");

        for (long seed = 1; seed <= 3; seed++) {
            TopologyFixture fx = fixture(DECEMBER);
            send(fx, shuffledByHour(twoDays, seed));
            assertThat(records(heatingAlerts(fx))).as("seed %d", seed).isEqualTo(records);
        }
    }

    @Test
    void aLateReadingWithinTheToleranceFindsItsPlaceOneBeyondItReshapesNothing() {
        // Within: the warm readings of 08:00-10:00 first, then the cold 09:05-09:35 they leave a hole for.
        List<R> warm = new ArrayList<>(every5("r1", "2026-12-01T08:00", "2026-12-01T09:00", 20));
        warm.addAll(every5("r1", "2026-12-01T09:40", "2026-12-01T10:00", 20));
        List<R> cold = every5("r1", "2026-12-01T09:05", "2026-12-01T09:35", 16);
        TopologyFixture fx = fixture(DECEMBER);
        send(fx, warm);
        send(fx, cold); // 25 to 55 minutes behind the room's newest (10:00)
        List<R> all = new ArrayList<>(warm);
        all.addAll(cold);
        assertThat(states(heatingAlerts(fx))).containsExactly("OPEN WARNING", "RESOLVED WARNING")
                .isEqualTo(oracle(all, true));

        // Beyond: the room is at 11:30 already; cold readings of 09:05-10:25 (over an hour behind) change nothing.
        TopologyFixture late = fixture(DECEMBER);
        send(late, every5("r1", "2026-12-01T08:00", "2026-12-01T11:30", 20));
        send(late, every5("r1", "2026-12-01T09:05", "2026-12-01T10:25", 15));
        assertThat(heatingAlerts(late)).isEmpty();
    }

    @Test
    void theNightBreaksRunsButNotAnOpenAlert() {
        TopologyFixture fx = fixture(DECEMBER);
        // A cold evening and a cold morning, 15 minutes each: not one run of 15 hours.
        send(fx, every5("r1", "2026-12-01T16:40", "2026-12-01T16:55", 16));
        send(fx, every5("r1", "2026-12-02T08:00", "2026-12-02T08:15", 16));
        assertThat(heatingAlerts(fx)).isEmpty();
        send(fx, every5("r1", "2026-12-02T08:20", "2026-12-02T12:00", 20));

        // Open at the end of the day: still open after the night, resolved 20 minutes into a warm morning.
        send(fx, every5("r1", "2026-12-02T16:00", "2026-12-02T16:55", 16));
        assertThat(states(heatingAlerts(fx))).containsExactly("OPEN WARNING");
        send(fx, every5("r1", "2026-12-03T08:00", "2026-12-03T08:15", 19));
        assertThat(heatingAlerts(fx)).isEmpty();
        send(fx, new R("r1", "2026-12-03T08:20", 19));
        List<Alert> resolved = heatingAlerts(fx);
        assertThat(states(resolved)).containsExactly("RESOLVED WARNING");
        assertThat(resolved.get(0).alertId()).isEqualTo("HEATING_OUT_OF_RANGE:s1:r1:2026-12-02:1");
    }

    @Test
    void aSilentRoomIsForgottenAndItsOpenAlertResolvedSayingSo() {
        TopologyFixture fx = fixture(DECEMBER);
        send(fx, every5("r1", "2026-12-04T16:00", "2026-12-04T16:55", 15));
        send(fx, every5("r2", "2026-12-04T16:00", "2026-12-04T16:55", 20));
        send(fx, new R("r3", "2026-12-04T18:30", 10)); // after school hours: counts nowhere, kept nowhere
        assertThat(states(heatingAlerts(fx))).containsExactly("OPEN WARNING");
        assertThat(fx.keysOf("heating-room-runs-store")).containsExactly("s1|r1", "s1|r2");

        fx.clock.advance(Duration.ofDays(7)); // Fri 12-11: 7 days since the last reading, still kept
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        assertThat(heatingAlerts(fx)).isEmpty();
        assertThat(fx.keysOf("heating-room-runs-store")).hasSize(2);

        fx.clock.advance(Duration.ofDays(1)); // Sat 12-12
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        List<Alert> closed = heatingAlerts(fx);
        assertThat(states(closed)).containsExactly("RESOLVED WARNING");
        assertThat(closed.get(0).message().en()).contains("no counted reading for 7 days since 2026-12-04 16:55",
                "unknown");
        assertThat(closed.get(0).message().zh()).contains("7天无计入的读数");
        assertThat(fx.keysOf("heating-room-runs-store")).isEmpty();
        assertThat(TopologyFixture.keysOf(fx.openAlertStore())).noneMatch(k -> k.startsWith("HEATING"));

        send(fx, every5("r1", "2026-12-04T16:00", "2026-12-04T16:55", 14.5)); // older than the silence horizon
        assertThat(heatingAlerts(fx)).isEmpty();
        assertThat(fx.keysOf("heating-room-runs-store")).isEmpty();
    }

    @Test
    void settingsAreCheckedAtStart() {
        assertThatThrownBy(() -> new TopologyFixture(List.of(new Heating()), Map.of("heating.debounce", "PT0S")))
                .hasMessageContaining("heating.debounce");
        assertThatThrownBy(() -> new TopologyFixture(List.of(new Heating()), Map.of("heating.room.silence.days", "0")))
                .hasMessageContaining("heating.room.silence.days");
    }

    /**
     * Two days of room r1: a boiler failure 09:30-11:25 (critical 10:30-10:55), another from 15:30 through the
     * night, repaired at 09:00 the next day.
     */
    private static List<R> boilerFailures() {
        List<R> readings = new ArrayList<>();
        readings.addAll(every5("r1", "2026-12-01T08:00", "2026-12-01T09:25", 20));
        readings.addAll(every5("r1", "2026-12-01T09:30", "2026-12-01T10:25", 16));
        readings.addAll(every5("r1", "2026-12-01T10:30", "2026-12-01T10:55", 13));
        readings.addAll(every5("r1", "2026-12-01T11:00", "2026-12-01T11:25", 16.5));
        readings.addAll(every5("r1", "2026-12-01T11:30", "2026-12-01T15:25", 20));
        readings.addAll(every5("r1", "2026-12-01T15:30", "2026-12-01T16:55", 16));
        readings.addAll(every5("r1", "2026-12-02T08:00", "2026-12-02T08:55", 15.5));
        readings.addAll(every5("r1", "2026-12-02T09:00", "2026-12-02T16:55", 20));
        return readings;
    }

    /**
     * The README rule, in measuredAt order: runs of in- or out-of-range readings no more than an hour apart; closed,
     * an out-of-range run spanning 20 minutes opens (CRITICAL if one of its readings so far was); open, a critical
     * reading raises it to CRITICAL, an in-range run spanning 20 minutes resolves it.
     */
    private static List<String> oracle(List<R> readings, boolean heating) {
        List<R> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparing(R::instant));
        List<String> out = new ArrayList<>();
        boolean open = false;
        boolean critical = false;
        Boolean runInRange = null;
        Instant runStart = null;
        Instant previous = null;
        boolean runCritical = false;
        for (R r : sorted) {
            boolean in = heating ? r.t() >= 18 : r.t() <= 28;
            boolean crit = heating ? r.t() < 14 : r.t() > 32;
            if (runInRange == null || runInRange != in || Duration.between(previous, r.instant()).toMinutes() > 60) {
                runInRange = in;
                runStart = r.instant();
                runCritical = false;
            }
            runCritical |= crit;
            previous = r.instant();
            boolean spans = Duration.between(runStart, r.instant()).toMinutes() >= 20;
            if (!open && !in && spans) {
                open = true;
                critical = runCritical;
                out.add("OPEN " + (critical ? "CRITICAL" : "WARNING"));
            } else if (open && !in && crit && !critical) {
                critical = true;
                out.add("UPDATED CRITICAL");
            } else if (open && in && spans) {
                open = false;
                out.add("RESOLVED " + (critical ? "CRITICAL" : "WARNING"));
                critical = false;
            }
        }
        return out;
    }

    /** Readings every 5 minutes from {@code from} to {@code to} (inclusive), all at {@code t}. */
    private static List<R> every5(String room, String from, String to, double t) {
        List<R> readings = new ArrayList<>();
        for (LocalDateTime at = LocalDateTime.parse(from); !at.isAfter(LocalDateTime.parse(to)); at = at.plusMinutes(5)) {
            readings.add(new R(room, at.toString(), t));
        }
        return readings;
    }

    /** The readings of each hour (measuredAt) together, hour after hour, in a random order within the hour. */
    private static List<R> shuffledByHour(List<R> readings, long seed) {
        Random random = new Random(seed);
        Map<String, List<R>> hours = new TreeMap<>();
        readings.forEach(r -> hours.computeIfAbsent(r.at().substring(0, 13), h -> new ArrayList<>()).add(r));
        List<R> shuffled = new ArrayList<>();
        hours.values().forEach(hour -> {
            List<R> copy = new ArrayList<>(hour);
            Collections.shuffle(copy, random);
            shuffled.addAll(copy);
        });
        return shuffled;
    }

    private TopologyFixture fixture(Instant now) {
        // The readings of a test span the week before the clock: all of it within the reading window.
        TopologyFixture fx = new TopologyFixture(List.of(new Heating()), Map.of("heating.reading.window.days", "14"));
        fixtures.add(fx);
        fx.clock.advance(Duration.between(TopologyFixture.NOW, now));
        fx.register(school("s1", "wendeng"));
        return fx;
    }

    private void send(TopologyFixture fx, R... readings) {
        send(fx, List.of(readings));
    }

    private void send(TopologyFixture fx, List<R> readings) {
        for (R r : readings) {
            fx.send(ClimateReading.newBuilder().setReadingId("c" + ids++).setSchoolId("s1").setRoomId(r.room())
                    .setMeasuredAt(r.instant()).setTemperatureC(r.t()).setHeatingOn(true).setCoolingOn(false)
                    .setEnergySource(EnergySource.HEAT_PUMP).build());
        }
    }

    private static List<Alert> heatingAlerts(TopologyFixture fx) {
        return fx.newAlerts().stream().map(kv -> kv.value).filter(a -> a.type() == AlertType.HEATING_OUT_OF_RANGE)
                .toList();
    }

    private static List<String> states(List<Alert> alerts) {
        return alerts.stream().map(a -> a.state() + " " + a.severity()).toList();
    }

    private static List<String> records(List<Alert> alerts) {
        return alerts.stream().map(a -> a.alertId() + " " + a.state() + " " + a.severity()).toList();
    }
}
