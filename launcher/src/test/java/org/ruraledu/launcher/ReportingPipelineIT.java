package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.embedded.StreamsLag;
import org.ruraledu.producers.client.ProducerProperties;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.producers.gateway.TokenStore;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.JsonRecords;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.topics.Topics;

/**
 * Reporting completeness end to end, every kind of report, on the local pipeline on the night its deadlines pass:
 * Monday 2026-01-05 in Weihai. At midnight December's care report ({@code reporting.care.due.day} 5) and the
 * enrolment of the term that began on 23 December ({@code reporting.enrollment.due.days} 14) fall due; a second
 * before, that day's meal report ({@code reporting.meals.due} 23:59:59) and the readings of its last school hour
 * (the test's calendar keeps school until 23:59:59). So four deadlines pass within a second.
 *
 * <p>The pipeline's clock runs at real speed, as with {@code clock.start}, from 23:40; once the schools are
 * registered and the punctual ones have reported, the test moves it to a few seconds before the deadlines, so that
 * however long the start takes, the deadlines then pass in real time and the wall-clock check finds them alone.
 *
 * <p>The schools registered in November (their registry records are stamped then, as a registry written long ago
 * is), so they owe December's month and the term; one registers tonight and owes only tonight's day and hour, a
 * closed one nothing. Per kind, a third of the schools that owe it report before the deadline (through the client
 * library), a third after their REPORT_MISSING opened (through the gateway), a third never. Each silent school gets
 * exactly one REPORT_MISSING per kind within a minute of its deadline, a late one the same alert then RESOLVED, the
 * others none; and completeness and timeliness per kind, district and city equal a recount of what was sent, by
 * the README's rules.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportingPipelineIT {
    private static final LocalDate TONIGHT = LocalDate.of(2026, 1, 5);
    private static final LocalDate TERM_START = LocalDate.of(2025, 12, 23);
    private static final LocalDate DECEMBER = LocalDate.of(2025, 12, 1);
    private static final LocalDate REGISTERED = LocalDate.of(2025, 11, 20);
    private static final Instant DAY_DEADLINE = TONIGHT.atTime(23, 59, 59).atZone(RecordRules.ZONE).toInstant();
    private static final Instant MIDNIGHT = TONIGHT.plusDays(1).atStartOfDay(RecordRules.ZONE).toInstant();
    private static final Instant START = TONIGHT.atTime(23, 40).atZone(RecordRules.ZONE).toInstant();
    /** How long before the first deadline the clock is put once all is ready. */
    private static final Duration LEAD = Duration.ofSeconds(3);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    /** Patience for the pipeline to start and process the reports (a busy machine takes a minute). */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** The kinds of report, the alert's plan item and period, and where their figures count. */
    enum Kind {
        MEALS("meal-reports", 9, TONIGHT, DAY_DEADLINE),
        CLIMATE("climate-readings", 12, TONIGHT, DAY_DEADLINE),
        CARE("care-reports", 38, DECEMBER, MIDNIGHT),
        ENROLLMENT("enrollment", 38, TERM_START, MIDNIGHT);

        final String path;
        final int planItem;
        final LocalDate period;
        final Instant deadline;

        Kind(String path, int planItem, LocalDate period, Instant deadline) {
            this.path = path;
            this.planItem = planItem;
            this.period = period;
            this.deadline = deadline;
        }

        /** The README's table: who owes the kind, of the periods that begin on or after the registration. */
        boolean owedBy(SchoolProfile s, LocalDate registeredOn) {
            boolean kindOfSchool = switch (this) {
                case MEALS -> s.getServesLunch();
                case CLIMATE -> s.getHeatingSource() != null && s.getHeatingSource() != EnergySource.NONE;
                case CARE -> s.getRural(); // care.room.required.for = rural
                case ENROLLMENT -> true;
            };
            return s.getActive() && kindOfSchool && !period.isBefore(registeredOn);
        }

        /** Days count in the day and the month; months and terms in the month of their first day only. */
        List<String> cells() {
            return this == MEALS || this == CLIMATE
                    ? List.of("day|" + period, "month|" + period.withDayOfMonth(1))
                    : List.of("month|" + period.withDayOfMonth(1));
        }
    }

    enum Sends { ON_TIME, LATE, NEVER }

    private static final MovableClock clock = new MovableClock(START);
    private static LocalPipeline pipeline;
    private static final Map<String, SchoolProfile> schools = new LinkedHashMap<>();
    private static final Map<String, LocalDate> registeredOn = new HashMap<>();
    /** What each school does about each kind it owes. */
    private static final Map<String, Map<Kind, Sends>> plan = new TreeMap<>();

    @BeforeAll
    static void startJustBeforeTheDeadlinesAndLetSomeSchoolsReport() throws Exception {
        pipeline = PipelineTesting.startPipeline("reporting", Map.of(
                "calendar.file", calendar().toString(),
                "reporting.meals.due", "23:59:59",
                "reporting.check.interval", CHECK_INTERVAL.toString()), clock);

        int i = 0;
        for (District d : District.values()) {
            school(new SchoolProfile("rep-" + d.key() + "-1", "School " + d.key() + " 1", d.key(), null,
                    SchoolLevel.PRIMARY, true, false, true, i % 3 == 0 ? EnergySource.COAL : EnergySource.ELECTRIC,
                    true), REGISTERED);
            school(new SchoolProfile("rep-" + d.key() + "-2", "School " + d.key() + " 2", d.key(), null,
                    SchoolLevel.JUNIOR_SECONDARY, i % 2 == 1, i % 2 == 0, i % 2 == 0,
                    i % 3 == 1 ? null : EnergySource.NATURAL_GAS, true), REGISTERED);
            i++;
        }
        school(new SchoolProfile("rep-closed", "Closed school", "wendeng", null, SchoolLevel.PRIMARY, true, false,
                true, EnergySource.COAL, false), REGISTERED);
        registerLongAgo(schools.values());
        SchoolProfile newcomer = new SchoolProfile("rep-tonight", "School registered tonight", "rushan", null,
                SchoolLevel.PRIMARY, true, false, true, EnergySource.HEAT_PUMP, true);
        school(newcomer, TONIGHT);

        for (Kind kind : Kind.values()) {
            int n = kind.ordinal(); // the schools that owe the kind take turns, each kind from another start
            for (SchoolProfile s : schools.values()) {
                if (kind.owedBy(s, registeredOn.get(s.getSchoolId()))) {
                    plan.computeIfAbsent(s.getSchoolId(), k -> new TreeMap<>()).put(kind, Sends.values()[n++ % 3]);
                }
            }
        }
        for (Kind kind : Kind.values()) {
            assertThat(plan.values().stream().map(p -> p.get(kind)).filter(Objects::nonNull)
                    .collect(Collectors.toSet())).as(kind.path)
                    .containsExactlyInAnyOrder(Sends.values());
        }

        try (SchoolClient client = new SchoolClient(pipeline.settings(), clock)) {
            client.sendAll(List.of(newcomer));
            caughtUp(Topics.SCHOOL_REGISTRY.name()); // the registry copies hold every school before any report comes
            List<SpecificRecordBase> onTime = new ArrayList<>();
            plan.forEach((id, kinds) -> kinds.forEach((kind, sends) -> {
                if (sends == Sends.ON_TIME) {
                    onTime.add(report(kind, schools.get(id), LocalTime.of(23, 35)));
                }
            }));
            client.sendAll(onTime);
        }
        caughtUp(Topics.SCHOOL_REGISTRY.name(), Topics.MEAL_REPORTS.name(), Topics.CLIMATE_READINGS.name(),
                Topics.CARE_REPORTS.name(), Topics.ENROLLMENT.name());
        assertThat(clock.instant()).as("registered and reported in less than the test's 20 minutes")
                .isBefore(DAY_DEADLINE.minus(LEAD));
        clock.moveTo(DAY_DEADLINE.minus(LEAD));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void eachSilentSchoolGetsExactlyOneReportMissingPerKindWithinAMinuteOfItsDeadline() {
        Set<String> silent = owing(sends -> sends != Sends.ON_TIME);
        await().atMost(untilPipelineTime(MIDNIGHT.plusSeconds(60))).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(missing().keySet()).containsExactlyInAnyOrderElementsOf(silent));
        missing().forEach((schoolAndKind, alerts) -> {
            Kind kind = Kind.valueOf(schoolAndKind.substring(schoolAndKind.lastIndexOf('|') + 1));
            assertThat(alerts).as(schoolAndKind).singleElement().satisfies(alert -> {
                assertThat(alert.state()).isEqualTo(AlertState.OPEN);
                assertThat(alert.observed()).isEqualTo(1.0);
                assertThat(Duration.between(kind.deadline, alert.openedAt())).as(schoolAndKind)
                        .isBetween(Duration.ZERO, Duration.ofSeconds(60));
            });
        });
    }

    @Test
    @Order(2)
    void lateReportsResolveTheirAlertAndCompletenessAndTimelinessEqualARecount() throws Exception {
        TokenStore tokens = new TokenStore(pipeline.settings().getPath("gateway.tokens.file"));
        plan.forEach((id, kinds) -> kinds.forEach((kind, sends) -> {
            if (sends == Sends.LATE) {
                SpecificRecordBase record = report(kind, schools.get(id), LocalTime.of(23, 50));
                try {
                    HttpResponse<String> response = PipelineTesting.post(pipeline, id,
                            InputKind.forRecord(record).path(), tokens.issue(id), JsonRecords.toJson(record).toString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }));

        Map<String, Map<String, String>> recount = recount();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (Map.Entry<String, Map<String, String>> cell : recount.entrySet()) {
                        assertThat(reported(cell.getKey())).as(cell.getKey()).isEqualTo(cell.getValue());
                    }
                });

        // Nothing more comes for a whole check: one alert per silent school and kind, resolved if it reported late.
        await().during(CHECK_INTERVAL.plusSeconds(1)).atMost(CHECK_INTERVAL.plusSeconds(20))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    Map<String, List<Alert>> missing = missing();
                    assertThat(missing.keySet()).containsExactlyInAnyOrderElementsOf(owing(s -> s != Sends.ON_TIME));
                    missing.forEach((schoolAndKind, alerts) -> {
                        boolean late = owing(s -> s == Sends.LATE).contains(schoolAndKind);
                        assertThat(alerts).as(schoolAndKind).extracting(Alert::state).containsExactlyElementsOf(
                                late ? List.of(AlertState.OPEN, AlertState.RESOLVED) : List.of(AlertState.OPEN));
                        assertThat(alerts).extracting(Alert::alertId).as(schoolAndKind).containsOnly(
                                alerts.get(0).alertId());
                    });
                });
    }

    /**
     * Per cell ({@code metric|period|periodStart}) and scope, "numerator/denominator" as the README counts them:
     * owed = the periods due, received = those reported (late too), on time = those reported by the deadline.
     */
    private static Map<String, Map<String, String>> recount() {
        Map<String, Map<String, long[]>> cells = new TreeMap<>();
        plan.forEach((id, kinds) -> kinds.forEach((kind, sends) -> {
            String district = schools.get(id).getDistrict();
            for (String periodCell : kind.cells()) {
                for (String metric : List.of("reporting.completeness", "reporting.completeness." + kind.path)) {
                    count(cells, metric + "|" + periodCell, id, district, sends != Sends.NEVER);
                }
                for (String metric : List.of("reporting.timeliness", "reporting.timeliness." + kind.path)) {
                    count(cells, metric + "|" + periodCell, id, district, sends == Sends.ON_TIME);
                }
            }
        }));
        Map<String, Map<String, String>> ratios = new TreeMap<>();
        cells.forEach((cell, scopes) -> scopes.forEach((scope, c) ->
                ratios.computeIfAbsent(cell, k -> new TreeMap<>()).put(scope, c[0] + "/" + c[1])));
        return ratios;
    }

    /** One owed period of school {@code id}: in its own scope, its district's and the city's. */
    private static void count(Map<String, Map<String, long[]>> cells, String cell, String id, String district,
            boolean hit) {
        for (String scope : List.of("school:" + id, district, District.CITY)) {
            long[] c = cells.computeIfAbsent(cell, k -> new TreeMap<>()).computeIfAbsent(scope, k -> new long[2]);
            c[0] += hit ? 1 : 0;
            c[1]++;
        }
    }

    /** What the query API says for one cell, per scope: "numerator/denominator". */
    private static Map<String, String> reported(String cell) throws Exception {
        String[] parts = cell.split("\\|");
        Map<String, String> byScope = new TreeMap<>();
        for (Kpi k : PipelineTesting.kpis(pipeline, "metric=" + parts[0] + "&period=" + parts[1])) {
            if (k.periodStart().toString().equals(parts[2])) {
                byScope.put(k.scope(), Math.round(k.numerator()) + "/" + Math.round(k.denominator()));
            }
        }
        return byScope;
    }

    /** "{schoolId}|{KIND}" of the schools whose plan for a kind matches. */
    private static Set<String> owing(Predicate<Sends> which) {
        Set<String> keys = new TreeSet<>();
        plan.forEach((id, kinds) -> kinds.forEach((kind, sends) -> {
            if (which.test(sends)) {
                keys.add(id + "|" + kind);
            }
        }));
        return keys;
    }

    /** REPORT_MISSING alerts on the alert topic, by "{schoolId}|{KIND}" (the kind: its plan item and period). */
    private static Map<String, List<Alert>> missing() {
        return PipelineTesting.values(pipeline, Topics.ALERTS).stream()
                .filter(a -> a.type() == AlertType.REPORT_MISSING)
                .collect(Collectors.groupingBy(a -> a.schoolId() + "|" + kindOf(a), TreeMap::new,
                        Collectors.toCollection(ArrayList::new)));
    }

    private static Kind kindOf(Alert alert) {
        for (Kind kind : Kind.values()) {
            if (alert.planItem() == kind.planItem && kind.period.equals(alert.periodStart())) {
                return kind;
            }
        }
        throw new AssertionError("a REPORT_MISSING of no period owed: " + alert);
    }

    /** The report of {@code kind} for its period, a reading measured at {@code at} tonight. */
    private static SpecificRecordBase report(Kind kind, SchoolProfile s, LocalTime at) {
        String id = s.getSchoolId();
        return switch (kind) {
            case MEALS -> MealReport.newBuilder().setReportId(id + "-meal").setSchoolId(id).setDate(TONIGHT)
                    .setNeeding(100).setServed(100).setProvision(MealProvision.CANTEEN).setFoodSafetyIncidents(0)
                    .build();
            case CLIMATE -> ClimateReading.newBuilder().setReadingId(id + "-R01-" + at).setSchoolId(id).setRoomId("R01")
                    .setMeasuredAt(TONIGHT.atTime(at).atZone(RecordRules.ZONE).toInstant()).setTemperatureC(19.5)
                    .setHeatingOn(true).setCoolingOn(false).setEnergySource(s.getHeatingSource()).build();
            case CARE -> CareReport.newBuilder().setReportId(id + "-care").setSchoolId(id).setMonth("2025-12")
                    .setRegistered(4).setContacted(4).setHomeVisits(1).setCounselingSessions(1).setParentSessions(1)
                    .setCareRoomOperating(true).build();
            case ENROLLMENT -> EnrollmentReport.newBuilder().setReportId(id + "-enrol").setSchoolId(id)
                    .setAsOf(TONIGHT).setEnrolled(100).setBoarders(0).setLeftBehindRegistered(4).build();
        };
    }

    private static void school(SchoolProfile profile, LocalDate on) {
        schools.put(profile.getSchoolId(), profile);
        registeredOn.put(profile.getSchoolId(), on);
    }

    /** Registry records stamped as written in November, as a registry kept for months is (on the pipeline's time). */
    private static void registerLongAgo(Iterable<SchoolProfile> profiles) {
        long writtenAt = REGISTERED.atTime(9, 0).atZone(RecordRules.ZONE).toInstant().minus(clock.shift())
                .toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerProperties.safe(pipeline.settings(), "reporting-it-registry"))) {
            for (SchoolProfile p : profiles) {
                String topic = Topics.SCHOOL_REGISTRY.name();
                producer.send(new ProducerRecord<>(topic, null, writtenAt,
                        Topics.SCHOOL_REGISTRY.keySerde().serializer().serialize(topic, p.getSchoolId()),
                        Topics.SCHOOL_REGISTRY.valueSerde().serializer().serialize(topic, p)));
            }
            producer.flush();
        }
    }

    /**
     * Waits until the streams application has processed all that was written to {@code topics} and everything it
     * passed on through its repartition topics. A topic counts once its group has committed on it: before, the
     * lag knows nothing of it.
     */
    private static void caughtUp(String... topics) throws Exception {
        String app = pipeline.settings().get("streams.application.id");
        try (Admin admin = pipeline.broker().admin()) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> admin.listConsumerGroupOffsets(app)
                    .partitionsToOffsetAndMetadata().get().keySet().stream().map(TopicPartition::topic)
                    .collect(Collectors.toSet()).containsAll(List.of(topics)) && StreamsLag.lag(admin, app) == 0);
        }
    }

    /** Real time left until the pipeline's clock reads {@code at}. */
    private static Duration untilPipelineTime(Instant at) {
        return Duration.between(clock.instant(), at);
    }

    /** Every day a school day, so the weekday does not matter; school until 23:59:59, so its last hour ends then. */
    private static Path calendar() throws Exception {
        Path file = Files.createTempFile("reporting-calendar-", ".json");
        Files.writeString(file, """
                {"schoolDays": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],
                 "schoolHours": {"from": "08:00", "to": "23:59:59"},
                 "terms": [{"id": "winter-term", "from": "%s", "to": "2026-01-31"}], "holidays": [], "makeUpDays": []}
                """.formatted(TERM_START));
        return file;
    }
}
