package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.Directories;
import org.ruraledu.embedded.SharedBroker;
import org.ruraledu.streams.query.QueryStoreNames;

/**
 * The query API never answers with a share of the figures. Kafka Streams answers from the tasks running on the
 * instance asked; while it holds only some partitions of a store (a task being restored, or taken by a second
 * instance of the application), the answer would lack the other partitions' KPIs without saying so: a dashboard,
 * or the console summary's lunch table, shows scopes without figures. It answers 503 then, and 200 with everything
 * once the instance holds the whole store again.
 */
class QueryCompletenessIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Set<Integer> ALL_PARTITIONS = Set.of(0, 1, 2); // the shared broker's topics have 3
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anInstanceHoldingSomePartitionsOfTheKpiStoreAnswers503AndAllOfThem200() throws Exception {
        String applicationId = "ruraledu-it-share-" + UUID.randomUUID().toString().substring(0, 8);
        Settings first = settings(applicationId);
        Settings second = settings(applicationId);
        // Any of the KPI stores: each is needed whole for an answer.
        int kpiSubtopology = subtopologyOf(QueryStoreNames.of(RuralEduTopology.buildTopology(first, Clock.systemUTC())
                .describe(), List.of()).kpis().get(0), first);

        try (StreamsApp one = StreamsApp.start(first)) {
            await().atMost(PATIENCE).until(() -> status(one) == 200);
            try (StreamsApp other = StreamsApp.start(second)) {
                // Two instances share the tasks: each holds a part of the KPI store.
                await().atMost(PATIENCE).until(() -> running(one, other)
                        && !kpiPartitions(one, kpiSubtopology).isEmpty() && !kpiPartitions(other, kpiSubtopology).isEmpty());

                assertThat(kpiPartitions(one, kpiSubtopology)).isNotEqualTo(ALL_PARTITIONS);
                assertThat(status(one)).as("an instance with part of the KPI store").isEqualTo(503);
                assertThat(status(other)).as("the other part").isEqualTo(503);
            }
            // The second one gone, the first holds the whole store again.
            await().atMost(PATIENCE).until(() -> kpiPartitions(one, kpiSubtopology).equals(ALL_PARTITIONS));
            await().atMost(PATIENCE).until(() -> status(one) == 200);
        } finally {
            Directories.deleteRecursively(first.getPath("streams.state.dir"));
            Directories.deleteRecursively(second.getPath("streams.state.dir"));
        }
    }

    private static Settings settings(String applicationId) throws Exception {
        return Settings.defaults().with(Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers(),
                "streams.application.id", applicationId,
                "streams.state.dir", Files.createTempDirectory("ruraledu-it-share-").toString(),
                "query.port", "0"));
    }

    private static int subtopologyOf(String store, Settings settings) {
        return RuralEduTopology.buildTopology(settings, Clock.systemUTC()).describe().subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(n -> n instanceof TopologyDescription.Processor p
                        && p.stores().contains(store)))
                .findFirst().orElseThrow().id();
    }

    private static boolean running(StreamsApp... apps) {
        for (StreamsApp app : apps) {
            if (app.streams().state() != KafkaStreams.State.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /** The partitions of the KPI store's sub-topology whose tasks run active on this instance. */
    private static Set<Integer> kpiPartitions(StreamsApp app, int subtopology) {
        return app.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .map(task -> task.taskId()).filter(id -> id.subtopology() == subtopology).map(id -> id.partition())
                .collect(Collectors.toSet());
    }

    private int status(StreamsApp app) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.queryPort()
                + "/v1/kpis?metric=meals.coverage&period=day")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
