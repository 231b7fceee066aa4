package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.Json;
import org.ruraledu.embedded.CommittedRecords;
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.embedded.SharedBroker;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.topics.Topics;

/**
 * StreamsApp against a real broker: meal reports in, a KPI on the topic and through the query API, an alert.
 *
 * <p>The broker is shared with the other tests of this JVM, and a new application reads every input from the start,
 * so the test owns its data: its own schools, a recent school day no other meal report is of, and only its own
 * schools' alerts are counted. A second school in another district, with a gap of its own, checks that the query's district
 * filter leaves it out. Checked by mutation (issue 6): with {@code AlertQuery} ignoring the district, the old test,
 * which counted every open lingang alert, passed (run before any other test left an open alert) and this one fails;
 * and the old one would fail, with no bug, after any test that left an open lingang alert or a lingang school's
 * report of yesterday.
 */
class StreamsAppIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mealReportsBecomeKpisAndAlerts() throws Exception {
        EmbeddedBroker broker = SharedBroker.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String schoolId = "it-" + run;
        String elsewhere = "it-" + run + "-nanhai";
        Path stateDir = Files.createTempDirectory("ruraledu-it-streams-");
        Settings settings = Settings.defaults().with(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "streams.application.id", "ruraledu-it-" + run,
                "streams.state.dir", stateDir.toString(),
                "query.port", "0"));
        // A lunch alert stays open for the correction window after its day: a day within it.
        LocalDate day = dayOfNoMealReport(broker, settings.getInt("meals.correction.window.days") - 1);

        try (KafkaProducer<String, byte[]> producer = producer(broker)) {
            // Registered before the app starts: the global table bootstraps it before any report is processed.
            send(producer, Topics.SCHOOL_REGISTRY.name(), schoolId, Topics.SCHOOL_REGISTRY.valueSerde().serializer()
                    .serialize(null, TopologyFixture.school(schoolId, "lingang")));
            send(producer, Topics.SCHOOL_REGISTRY.name(), elsewhere, Topics.SCHOOL_REGISTRY.valueSerde().serializer()
                    .serialize(null, TopologyFixture.school(elsewhere, "nanhai")));
            try (StreamsApp app = StreamsApp.start(settings)) {
                MealReport gap = TopologyFixture.meal("m-" + run, schoolId, day.toString(), 30, 25, 0);
                send(producer, Topics.MEAL_REPORTS.name(), schoolId, TopologyFixture.encode(gap));
                send(producer, Topics.MEAL_REPORTS.name(), elsewhere, TopologyFixture.encode(
                        TopologyFixture.meal("m-" + run + "-nanhai", elsewhere, day.toString(), 20, 10, 0)));
                String kpiKey = "lingang|meals.coverage|day|" + day;

                JsonNode onTopic = awaitOnKpiTopic(broker, run, kpiKey);
                assertThat(onTopic.get("numerator").asDouble()).isEqualTo(25);
                assertThat(onTopic.get("denominator").asDouble()).isEqualTo(30);

                String base = "http://127.0.0.1:" + app.queryPort();
                JsonNode kpis = await().atMost(PATIENCE).until(() -> getJson(base
                                + "/v1/kpis?scope=lingang&metric=meals.coverage&period=day&from=" + day + "&to=" + day),
                        body -> body != null && body.size() == 1);
                assertThat(kpis.get(0).get("status").asText()).isEqualTo("SLIPPED");

                // Both gaps are alerted; the lingang query holds only lingang's, whatever other tests left open.
                await().atMost(PATIENCE).until(() -> getJson(base + "/v1/alerts?state=OPEN"),
                        body -> body != null && ofSchool(body, elsewhere).size() == 1);
                JsonNode lingang = getJson(base + "/v1/alerts?state=OPEN&district=lingang");
                assertThat(lingang).as("open lingang alerts").allSatisfy(a ->
                        assertThat(a.get("district").asText()).isEqualTo("lingang"));
                List<JsonNode> ours = ofSchool(lingang, schoolId);
                assertThat(ours).as("open alerts of the test's lingang school").hasSize(1);
                assertThat(ours.get(0).get("type").asText()).isEqualTo("MEAL_GAP");
                assertThat(ours.get(0).get("periodStart").asText()).isEqualTo(day.toString());

                String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("kafka_stream");
            }
        } finally {
            deleteRecursively(stateDir);
        }
    }

    /** The alerts of one school in a query's answer. */
    private static List<JsonNode> ofSchool(JsonNode alerts, String schoolId) {
        List<JsonNode> ofSchool = new ArrayList<>();
        alerts.forEach(a -> {
            if (schoolId.equals(a.path("schoolId").asText())) {
                ofSchool.add(a);
            }
        });
        return ofSchool;
    }

    /** One of the last {@code days} days that no meal report on the topic is of (other tests': garbage included). */
    private static LocalDate dayOfNoMealReport(EmbeddedBroker broker, int days) {
        Set<LocalDate> taken = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.of(broker.clientProperties(), Topics.MEAL_REPORTS.name())) {
            try {
                taken.add(Topics.MEAL_REPORTS.valueSerde().deserializer().deserialize(Topics.MEAL_REPORTS.name(),
                        r.value()).getDate());
            } catch (RuntimeException notAMealReport) {
                // of no day
            }
        }
        LocalDate yesterday = LocalDate.now(RecordRules.ZONE).minusDays(1);
        return yesterday.datesUntil(yesterday.minusDays(days), Period.ofDays(-1)).filter(d -> !taken.contains(d))
                .findFirst().orElseThrow(() -> new IllegalStateException("other tests reported meals on each of the "
                        + "last " + days + " days: this test needs one of its own"));
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedBroker broker) {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static JsonNode awaitOnKpiTopic(EmbeddedBroker broker, String run, String kpiKey) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-kpi-reader-" + run);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, String> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.KPIS.name()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
                return latest.containsKey(kpiKey);
            });
        }
        try {
            return Json.MAPPER.readTree(latest.get(kpiKey));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : null;
    }
}
