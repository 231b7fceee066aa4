package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.CommittedRecords;
import org.ruraledu.contract.Json;
import org.ruraledu.contract.Kpi;
import org.ruraledu.producers.simulator.KafkaReportSink;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.producers.simulator.Simulator;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.topics.Topic;

/** What the end-to-end tests share: a local pipeline on free ports, and ways to read what it produced. */
final class PipelineTesting {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private PipelineTesting() {}

    /** The local pipeline exactly as {@code run} starts it, on free ports, its state in a new directory. */
    static LocalPipeline startPipeline(String name) throws Exception {
        return startPipeline(name, Map.of());
    }

    /** {@link #startPipeline(String)} with settings of the test's own. */
    static LocalPipeline startPipeline(String name, Map<String, String> settings) throws Exception {
        return startPipeline(name, settings, null);
    }

    /** ... and a clock of the test's own (null: the one the settings ask for). */
    static LocalPipeline startPipeline(String name, Map<String, String> settings, Clock clock) throws Exception {
        Path dataDir = Files.createTempDirectory("ruraledu-" + name + "-");
        Map<String, String> overrides = new HashMap<>(LocalPipeline.dataDirSettings(dataDir));
        overrides.putAll(settings);
        overrides.put("broker.port", "0");
        overrides.put("gateway.port", "0");
        overrides.put("query.port", "0");
        Settings all = Settings.defaults().with(overrides);
        return clock == null ? LocalPipeline.start(all) : LocalPipeline.start(all, clock);
    }

    /**
     * A school calendar of one term, {@code from} to {@code to}, school on {@code schoolDays} from 08:00 to 17:00, no
     * holidays and no make-up days: so that what a test recounts does not depend on the day it runs.
     */
    static Path oneTermCalendar(Set<DayOfWeek> schoolDays, LocalDate from, LocalDate to) throws IOException {
        Path file = Files.createTempFile("one-term-calendar-", ".json");
        String days = schoolDays.stream().sorted().map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
        return Files.writeString(file, """
                {"schoolDays": [%s], "schoolHours": {"from": "08:00", "to": "17:00"},
                 "terms": [{"id": "test-term", "from": "%s", "to": "%s"}], "holidays": [], "makeUpDays": []}
                """.formatted(days, from, to));
    }

    /** Runs the simulator against the pipeline to the end and returns its schools. */
    static List<SimulatedSchool> simulate(LocalPipeline pipeline, SimulatorOptions options, StudentRefs refs)
            throws InterruptedException {
        return simulator(pipeline, options, refs).schools();
    }

    /**
     * Runs the simulator, on the pipeline's school calendar and clock (as {@code run} does), against the pipeline to
     * the end: on a clock of its own it would date its reports by another "today" than the pipeline's.
     */
    static Simulator simulator(LocalPipeline pipeline, SimulatorOptions options, StudentRefs refs)
            throws InterruptedException {
        try (KafkaReportSink sink = new KafkaReportSink(pipeline.settings(), pipeline.clock())) {
            Simulator simulator = new Simulator(options, refs, sink, pipeline.clock(),
                    SchoolCalendar.from(pipeline.settings()));
            simulator.run();
            return simulator;
        }
    }

    static HttpResponse<String> post(LocalPipeline pipeline, String schoolId, String kind, String token, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.gatewayUrl() + "/v1/schools/" + schoolId + "/" + kind))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** KPI records from the query API. */
    static List<Kpi> kpis(LocalPipeline pipeline, String query) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(pipeline.queryUrl() + "/v1/kpis?" + query)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.body());
        List<Kpi> kpis = new ArrayList<>();
        for (JsonNode node : body.isArray() ? body : body.path("kpis")) {
            kpis.add(Json.MAPPER.treeToValue(node, Kpi.class));
        }
        return kpis;
    }

    /** Every committed record of a topic, from the beginning to its current end, in partition order. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(LocalPipeline pipeline, String topic) {
        return CommittedRecords.of(pipeline.settings().kafkaClientProperties(), topic);
    }

    /** The values of a contract topic, decoded with its registry serde. */
    static <V> List<V> values(LocalPipeline pipeline, Topic<String, V> topic) {
        List<V> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(pipeline, topic.name())) {
            values.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
        }
        return values;
    }
}
