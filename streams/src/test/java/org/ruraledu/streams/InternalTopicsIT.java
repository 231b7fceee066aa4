package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.embedded.SharedBroker;

/**
 * The streams application creates the topology's internal topics itself before it starts (a first start is then
 * seconds faster): they must be exactly the topics Kafka Streams would create, with its partitions and settings.
 * The oracle is Kafka Streams itself: the production topology, started bare under a fresh application id on a
 * broker with none of its topics, creates its own; their names, partition counts and cleanup settings must equal
 * what {@link InternalTopics} creates.
 */
class InternalTopicsIT {
    @Test
    void theTopicsCreatedBeforeTheStartAreTheOnesKafkaStreamsCreatesItself() throws Exception {
        EmbeddedBroker broker = SharedBroker.get(); // its contract topics have 3 partitions
        String applicationId = "ruraledu-it-internal-" + UUID.randomUUID().toString().substring(0, 8);
        Settings settings = Settings.defaults().with(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "streams.application.id", applicationId,
                "streams.state.dir", Files.createTempDirectory("ruraledu-it-internal-").toString()));
        Topology topology = RuralEduTopology.buildTopology(settings, Clock.systemUTC());

        try (KafkaStreams streams = new KafkaStreams(topology, StreamsProperties.of(settings));
                Admin admin = broker.admin()) {
            streams.start();
            await().atMost(Duration.ofMinutes(2)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            Set<String> created = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(applicationId + "-")).collect(Collectors.toSet());
            Map<String, TopicDescription> described = admin.describeTopics(created).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(created.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();

            List<NewTopic> ours = InternalTopics.of(topology.describe(), applicationId, 3, (short) 1);
            assertThat(ours).extracting(NewTopic::name).containsExactlyInAnyOrderElementsOf(created);
            for (NewTopic topic : ours) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.numPartitions());
                Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                Map<String, String> kafkas = new TreeMap<>();
                topic.configs().keySet().forEach(key -> kafkas.put(key, actual.get(key).value()));
                assertThat(new TreeMap<>(topic.configs())).as(topic.name()).isEqualTo(kafkas);
            }
            assertThat(created).as("changelogs").anyMatch(name -> name.endsWith("-meals-latest-report-store-changelog"));
        }
    }
}
