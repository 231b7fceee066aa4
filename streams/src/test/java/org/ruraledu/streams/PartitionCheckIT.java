package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.embedded.SharedBroker;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.TopicAdmin;

/**
 * Input topics with another partition count would send a school's records to a task without its state, silently:
 * the streams application refuses to start on them, with a line that names the topic, both counts and what to do.
 */
class PartitionCheckIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theStreamsApplicationRefusesInputTopicsOfAnotherCountAndStartsNothing() throws Exception {
        EmbeddedBroker broker = SharedBroker.get(); // its contract topics have 3 partitions
        String applicationId = "ruraledu-it-partitions-" + UUID.randomUUID().toString().substring(0, 8);
        Settings settings = Settings.defaults().with(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "streams.application.id", applicationId,
                "streams.state.dir", Files.createTempDirectory("ruraledu-it-partitions-").toString(),
                "query.port", "0", "topics.partitions", "4"));

        assertThatThrownBy(() -> StreamsApp.start(settings)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topics.partitions=4")
                .hasMessageContaining("ruraledu.school-registry.v1 has 3")
                .hasMessageContaining("ruraledu.meal-reports.v1 has 3")
                .hasMessageContaining("Set topics.partitions")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        try (Admin admin = broker.admin()) {
            assertThat(admin.listTopics().names().get()).as("no topic of that application was created")
                    .noneMatch(name -> name.startsWith(applicationId));
            assertThat(admin.listGroups().all().get()).as("it joined no group")
                    .noneMatch(group -> group.groupId().equals(applicationId));
        }
    }

    @Test
    void onlyTheTopicsOfAnotherCountAreNamedAndMissingOnesAreLeftToCreate() throws Exception {
        EmbeddedBroker broker = SharedBroker.get();
        String run = "it-partitions-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(run + "-a", 3, (short) 1), new NewTopic(run + "-b", 2, (short) 1)))
                    .all().get();
            List<Topic<?, ?>> topics = List.of(topic(run + "-a"), topic(run + "-b"), topic(run + "-missing"));

            assertThatThrownBy(() -> TopicAdmin.requirePartitions(admin, topics, 3, TIMEOUT))
                    .hasMessageContaining(run + "-b has 2").hasMessageNotContaining(run + "-a")
                    .hasMessageNotContaining(run + "-missing");
            TopicAdmin.requirePartitions(admin, List.of(topic(run + "-a"), topic(run + "-missing")), 3, TIMEOUT);
        }
    }

    private static Topic<String, String> topic(String name) {
        return new Topic<>(name, Serdes.String(), Serdes.String(), false);
    }
}
