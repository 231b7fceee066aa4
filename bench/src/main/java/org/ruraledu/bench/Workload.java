package org.ruraledu.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.simulator.KafkaReportSink;
import org.ruraledu.producers.simulator.SchoolShare;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.producers.simulator.Simulator;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;

/**
 * The input of a run: the project's own simulator writing into the input topics as fast as Kafka takes them,
 * through the real client library. The mix is whatever the simulator sends, so a record kind it learns to
 * make (care, climate) is benchmarked without a change here.
 */
final class Workload {
    /** The bench's own pseudonym key: the records are made up, the key only has to be valid. */
    static final StudentRefs REFS = new StudentRefs(
            "ruraledu-bench-pseudonym-key-0000000000".getBytes(StandardCharsets.UTF_8));
    private static final long SEED = 20230630L;

    /** What was loaded: the schools, how many records of each kind, and how long it took. */
    record Loaded(List<SimulatedSchool> schools, Map<String, Long> sentByKind, long records, double seconds) {
        /** e.g. "MealReport 120,000, StudentStatusEvent 24,000, ..." */
        String mix() {
            StringBuilder text = new StringBuilder();
            sentByKind.forEach((kind, n) -> text.append(text.length() == 0 ? "" : ", ")
                    .append(kind).append(' ').append(String.format("%,d", n)));
            return text.toString();
        }
    }

    private Workload() {}

    /** {@code climateSchools}: the share of heating schools that send their classroom readings of the last day. */
    static Loaded load(Settings settings, int schools, int days, double faults, double climateSchools)
            throws InterruptedException {
        SimulatorOptions options = new SimulatorOptions(schools, days, 0, faults, SEED, 0, 0)
                .withClimate(1, SchoolShare.fraction(climateSchools));
        long start = System.nanoTime();
        try (KafkaReportSink sink = new KafkaReportSink(settings)) {
            Simulator simulator = new Simulator(options, REFS, sink, Clock.systemUTC(), SchoolCalendar.from(settings));
            simulator.run();
            Map<String, Long> byKind = new TreeMap<>();
            simulator.stats().snapshot().forEach((what, n) -> {
                if (what.startsWith("sent.")) {
                    byKind.put(what.substring("sent.".length()), n);
                }
            });
            long broken = simulator.stats().get("faults.broken");
            if (broken > 0) {
                byKind.put("broken (dead letters)", broken);
            }
            long records = byKind.values().stream().mapToLong(Long::longValue).sum();
            return new Loaded(simulator.schools(), byKind, records, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The latest weekday up to today in Weihai: a school day that every rule accepts a report for. */
    static LocalDate lastSchoolDay() {
        LocalDate day = LocalDate.now(RecordRules.ZONE);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** The schools that serve lunch: only they send meal reports. */
    static List<SimulatedSchool> lunchSchools(List<SimulatedSchool> schools) {
        return schools.stream().filter(s -> s.profile().getServesLunch()).toList();
    }
}
