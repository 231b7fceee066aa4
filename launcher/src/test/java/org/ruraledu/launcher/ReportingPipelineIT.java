package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.producers.simulator.KafkaReportSink;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.producers.simulator.Simulator;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.topics.Topics;

/**
 * Reporting completeness end to end, on the local pipeline and the real clock: simulated schools register and
 * report up to yesterday; today half the schools that serve lunch send their meal report and the others stay
 * silent. Today's meal reports are due a few minutes after the start ({@code reporting.meals.due}), so the test
 * sees the deadline pass: each silent school gets exactly one REPORT_MISSING for meal reports within a minute of
 * it, no other school any, and today's completeness per district and city equals a recount of the input.
 *
 * <p>Meal reports only ({@code reporting.kinds}): the other kinds' deadlines (a school hour's end, day 5 of a month,
 * a term's day 14) do not fall within a test run of minutes; topology tests cover them on a hand-moved clock.
 */
class ReportingPipelineIT {
    private static final ZoneId WEIHAI = ZoneId.of("Asia/Shanghai");

    private static LocalPipeline pipeline;
    private static Instant deadline;
    private static LocalDate today;
    private static final Set<String> silent = new TreeSet<>();
    private static final Set<String> reported = new TreeSet<>();

    @BeforeAll
    static void someSchoolsStopReporting() throws Exception {
        LocalDateTime now = LocalDateTime.now(WEIHAI);
        LocalTime due = now.toLocalTime().plusSeconds(150).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        Assumptions.assumeTrue(now.toLocalTime().isAfter(LocalTime.of(0, 5))
                && now.toLocalTime().isBefore(LocalTime.of(23, 50)), "today's deadline must fall today");
        today = now.toLocalDate();
        deadline = today.atTime(due).atZone(WEIHAI).toInstant();
        pipeline = PipelineTesting.startPipeline("reporting", Map.of("calendar.file",
                calendar(today.minusDays(40), today.plusDays(40)).toString(),
                "reporting.kinds", "meal-reports", "reporting.meals.due", due.toString()));
        // The simulator's calendar ends yesterday: it registers the schools and sends their history, not today.
        List<SimulatedSchool> schools;
        try (KafkaReportSink sink = new KafkaReportSink(pipeline.settings())) {
            Simulator simulator = new Simulator(new SimulatorOptions(24, 2, 0, 0, 9090, 0, 0),
                    new StudentRefs("reporting-test-key-reporting-test-key".getBytes()), sink, Clock.systemUTC(),
                    SchoolCalendar.load(calendar(today.minusDays(40), today.minusDays(1))));
            simulator.run();
            schools = simulator.schools();
            int i = 0;
            for (SimulatedSchool school : schools) {
                SchoolProfile p = school.profile();
                if (!p.getActive() || !p.getServesLunch()) {
                    continue;
                }
                if (i++ % 2 == 0) {
                    sink.send(MealReport.newBuilder().setReportId(p.getSchoolId() + "-" + today + "-meal")
                            .setSchoolId(p.getSchoolId()).setDate(today).setNeeding(school.enrolled())
                            .setServed(school.enrolled()).setProvision(MealProvision.CANTEEN)
                            .setFoodSafetyIncidents(0).build());
                    reported.add(p.getSchoolId());
                } else {
                    silent.add(p.getSchoolId());
                }
            }
            sink.flush();
        }
        assertThat(Instant.now()).as("the schools registered and reported before the deadline").isBefore(deadline);
        assertThat(silent).isNotEmpty();
        assertThat(reported).isNotEmpty();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void eachSilentSchoolGetsExactlyOneReportMissingWithinAMinuteOfTheDeadline() {
        await().atMost(Duration.between(Instant.now(), deadline.plusSeconds(60)).plusSeconds(5))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(missing().keySet()).containsExactlyInAnyOrderElementsOf(silent));
        // And nothing more comes: no second alert for a silent school, none for the others.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(missing().values()).allSatisfy(alerts -> assertThat(alerts).hasSize(1)));
        Map<String, List<Alert>> bySchool = missing();
        assertThat(bySchool.keySet()).containsExactlyInAnyOrderElementsOf(silent);
        bySchool.forEach((school, alerts) -> {
            assertThat(alerts).as(school).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.state()).isEqualTo(Alert.AlertState.OPEN);
            assertThat(alert.periodStart()).isEqualTo(today);
            assertThat(alert.observed()).isEqualTo(1.0);
            assertThat(Duration.between(deadline, alert.openedAt())).as(school)
                    .isBetween(Duration.ZERO, Duration.ofSeconds(60));
        });
    }

    @Test
    void todaysCompletenessEqualsARecountOfTheInput() {
        Map<String, SchoolProfile> registry = new HashMap<>();
        PipelineTesting.values(pipeline, Topics.SCHOOL_REGISTRY).forEach(s -> registry.put(s.getSchoolId(), s));
        Map<String, long[]> recount = new TreeMap<>(); // received, owed
        registry.values().stream().filter(s -> s.getActive() && s.getServesLunch()).forEach(s -> {
            for (String scope : List.of(s.getDistrict(), District.CITY)) {
                long[] cell = recount.computeIfAbsent(scope, k -> new long[2]);
                cell[0] += reported.contains(s.getSchoolId()) ? 1 : 0;
                cell[1]++;
            }
        });
        await().atMost(Duration.between(Instant.now(), deadline.plusSeconds(60)).plusSeconds(5))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    Map<String, Kpi> kpis = new HashMap<>();
                    for (Kpi k : PipelineTesting.kpis(pipeline, "metric=reporting.completeness&period=day")) {
                        if (k.periodStart().equals(today)) {
                            kpis.put(k.scope(), k);
                        }
                    }
                    recount.forEach((scope, c) -> assertThat(kpis.get(scope)).as(scope).isNotNull()
                            .satisfies(k -> assertThat(k.numerator()).isEqualTo((double) c[0]))
                            .satisfies(k -> assertThat(k.denominator()).isEqualTo((double) c[1])));
                });
    }

    /** REPORT_MISSING alerts on the alert topic, by school. */
    private static Map<String, List<Alert>> missing() {
        return PipelineTesting.values(pipeline, Topics.ALERTS).stream()
                .filter(a -> a.type() == AlertType.REPORT_MISSING)
                .collect(Collectors.groupingBy(Alert::schoolId, TreeMap::new, Collectors.toCollection(ArrayList::new)));
    }

    private static Path calendar(LocalDate from, LocalDate to) throws Exception {
        Path file = Files.createTempFile("reporting-calendar-", ".json");
        Files.writeString(file, """
                {"schoolDays": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],
                 "schoolHours": {"from": "08:00", "to": "17:00"},
                 "terms": [{"id": "test-term", "from": "%s", "to": "%s"}], "holidays": [], "makeUpDays": []}
                """.formatted(from, to));
        return file;
    }
}
