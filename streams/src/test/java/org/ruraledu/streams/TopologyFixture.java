package org.ruraledu.streams;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Kpi;
import org.ruraledu.records.InputKind;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.alert.TrackedAlert;
import org.ruraledu.streams.care.Care;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.heating.Heating;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.streams.query.QueryStoreNames;
import org.ruraledu.streams.reporting.Reporting;
import org.ruraledu.streams.query.QueryStores;
import org.ruraledu.streams.targets.PlanTargets;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.Topics;

/**
 * The production topology, or the part of it a test checks, in a TopologyTestDriver, with a hand-moved clock (2026-03-10 10:00 in Weihai) and
 * helpers to write registry entries and input records and read KPIs, alerts and dead letters.
 */
final class TopologyFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");
    static final String APP_ID = "ruraledu-streams-test";

    final MutableClock clock;
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final TopologyTestDriver driver;
    /** The stores the query API reads. */
    private final QueryStoreNames storeNames;
    private final Path stateDir;
    private final TestInputTopic<byte[], byte[]> registry;
    private final TestInputTopic<byte[], byte[]> meals;
    private final TestOutputTopic<String, Kpi> kpis;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Map<InputKind, TestInputTopic<byte[], byte[]>> inputs = new EnumMap<>(InputKind.class);

    /** The whole production topology: every domain and the plan-target watch. */
    TopologyFixture() {
        this(RuralEduTopology.domains());
    }

    /**
     * The foundation and just the {@code domains} a test checks, in wiring order (e.g. {@code new Dropout(), new
     * Care()}: care follows dropout's enrolment), so that each test opens only their stores and sees only their
     * KPIs and alerts; {@link PlanTargets} adds TARGET_SLIPPED.
     */
    TopologyFixture(List<Domain> domains) {
        this(domains, Map.of());
    }

    /** With some settings other than the defaults (e.g. {@code dropout.followup.limit.days}). */
    TopologyFixture(List<Domain> domains, Map<String, String> overrides) {
        this(domains, overrides, NOW);
    }

    /** Started at another instant than {@link #NOW} (a day of the heating season, a make-up school day, ...). */
    TopologyFixture(List<Domain> domains, Map<String, String> overrides, Instant start) {
        clock = new MutableClock(start);
        try {
            stateDir = Files.createTempDirectory("ruraledu-ttd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Settings settings = Settings.defaults().with(overrides).with(Map.of("streams.application.id", APP_ID,
                "streams.state.dir", stateDir.toString()));
        RuralEduTopology.Built built = RuralEduTopology.build(settings, clock, meters, domains);
        org.apache.kafka.streams.Topology topology = built.topology();
        storeNames = built.queryStores();
        driver = new TopologyTestDriver(topology,
                StreamsProperties.of(settings), start);
        ByteArraySerializer bytes = new ByteArraySerializer();
        registry = driver.createInputTopic(Topics.SCHOOL_REGISTRY.name(), bytes, bytes);
        meals = driver.createInputTopic(Topics.MEAL_REPORTS.name(), bytes, bytes);
        kpis = driver.createOutputTopic(Topics.KPIS.name(), Topics.KPIS.keySerde().deserializer(),
                Topics.KPIS.valueSerde().deserializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Reporting and the domains whose input it follows: it takes the arrivals of every kind, tracked or not. */
    static List<Domain> reportingAndItsOwners() {
        return List.of(new Meals(), new Dropout(), new Heating(), new Care(), new Reporting());
    }

    static SchoolProfile school(String schoolId, String district) {
        return SchoolProfile.newBuilder().setSchoolId(schoolId).setName("School " + schoolId).setDistrict(district)
                .setLevel(SchoolLevel.PRIMARY).setRural(true).setBoarding(false).setServesLunch(true)
                .setActive(true).build();
    }

    static MealReport meal(String reportId, String schoolId, String date, int needing, int served, int incidents) {
        return MealReport.newBuilder().setReportId(reportId).setSchoolId(schoolId).setDate(LocalDate.parse(date))
                .setNeeding(needing).setServed(served).setProvision(MealProvision.CANTEEN)
                .setFoodSafetyIncidents(incidents).build();
    }

    void register(SchoolProfile... schools) {
        for (SchoolProfile school : schools) {
            // Stamped now on the fixture's clock, as a producer would stamp it: an inactive school's day comes from it.
            registry.pipeInput(key(school.getSchoolId()), Topics.SCHOOL_REGISTRY.valueSerde().serializer()
                    .serialize(Topics.SCHOOL_REGISTRY.name(), school), clock.instant());
        }
    }

    void registerRaw(String schoolId, byte[] value) {
        registry.pipeInput(key(schoolId), value, clock.instant());
    }

    void report(MealReport... reports) {
        for (MealReport report : reports) {
            meals.pipeInput(key(report.getSchoolId()), encode(report));
        }
    }

    /** Input records of any kind (student status, enrolment, ...), each keyed by its school as the contract says. */
    @SafeVarargs
    final <T extends SpecificRecordBase> void send(T... records) {
        for (T record : records) {
            InputKind kind = InputKind.forRecord(record);
            inputs.computeIfAbsent(kind, k -> driver.createInputTopic(k.topic().name(), new ByteArraySerializer(),
                    new ByteArraySerializer())).pipeInput(key(InputKind.schoolIdOf(record)), encode(record));
        }
    }

    static <T extends SpecificRecordBase> byte[] encode(T record) {
        Topic<String, T> topic = InputKind.forRecord(record).topic();
        return topic.valueSerde().serializer().serialize(topic.name(), record);
    }

    void reportRaw(byte[] key, byte[] value, Headers headers) {
        meals.pipeInput(new TestRecord<>(key, value, headers));
    }

    static byte[] key(String schoolId) {
        return schoolId.getBytes(StandardCharsets.UTF_8);
    }

    static Headers headers(String name, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** KPI records written since the last read, in order. */
    List<KeyValue<String, Kpi>> newKpis() {
        return kpis.readKeyValuesToList();
    }

    /** The latest KPI per key written since the last read (what the compacted topic keeps). */
    Map<String, Kpi> latestKpis() {
        Map<String, Kpi> latest = new LinkedHashMap<>();
        newKpis().forEach(kv -> latest.put(kv.key, kv.value));
        return latest;
    }

    /** The alerts written since the last read, in order. */
    List<KeyValue<String, Alert>> newAlerts() {
        return alerts.readKeyValuesToList();
    }

    List<TestRecord<byte[], byte[]>> newDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** The query API's view of the driver's stores: each kind's stores of every domain read as one. */
    QueryStores queryStores() {
        return QueryStores.of(storeNames, new QueryStores.Lookup() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
                return driver.getKeyValueStore(name);
            }
        });
    }

    /** The keys a store holds, in key order. */
    static List<String> keysOf(ReadOnlyKeyValueStore<String, ?> store) {
        List<String> keys = new java.util.ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** The keys of one store of the topology, by its name. */
    List<String> keysOf(String store) {
        return keysOf(driver.<String, Object>getKeyValueStore(store));
    }

    /** Every KPI the stores hold, of every domain and level. */
    ReadOnlyKeyValueStore<String, Kpi> kpiStore() {
        return queryStores().kpis();
    }

    /** Every tracked alert condition, of every domain. */
    ReadOnlyKeyValueStore<String, TrackedAlert> alertStore() {
        return queryStores().alerts();
    }

    /** The open alerts, of every domain. */
    ReadOnlyKeyValueStore<String, TrackedAlert> openAlertStore() {
        return queryStores().openAlerts();
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
