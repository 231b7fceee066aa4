package org.ruraledu.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.ruraledu.topics.Topics;

class EmbeddedBrokerTest {

    @Test
    void createsEveryContractTopicCompactedWhereTheContractSaysAndKeepsDataAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("broker-restart-");
        EmbeddedBroker.Options options = new EmbeddedBroker.Options(dir, 0, 0, false);
        String port;
        try (EmbeddedBroker broker = EmbeddedBroker.start(options)) {
            broker.createContractTopics(2);
            try (Admin admin = broker.admin()) {
                assertThat(admin.listTopics().names().get()).containsAll(
                        Topics.all().stream().map(t -> t.name()).toList());
                ConfigResource kpi = new ConfigResource(ConfigResource.Type.TOPIC, Topics.KPIS.name());
                ConfigResource alerts = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERTS.name());
                var configs = admin.describeConfigs(List.of(kpi, alerts)).all().get();
                assertThat(configs.get(kpi).get("cleanup.policy").value()).isEqualTo("compact");
                assertThat(configs.get(alerts).get("cleanup.policy").value()).isEqualTo("delete");
                assertThat(admin.describeTopics(List.of(Topics.MEAL_REPORTS.name())).allTopicNames().get()
                        .get(Topics.MEAL_REPORTS.name()).partitions()).hasSize(2);
            }
            produce(broker.bootstrapServers(), "before-restart");
            port = broker.bootstrapServers().split(":")[1];
        }
        // Same directory and port: the record written before the restart is still there.
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                new EmbeddedBroker.Options(dir, Integer.parseInt(port), 0, true))) {
            assertThat(consumeAll(broker.bootstrapServers())).contains("before-restart");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void aPortInUseIsAClearErrorNotAHaltedJvm() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            EmbeddedBroker.Options options = new EmbeddedBroker.Options(Files.createTempDirectory("broker-port-"),
                    taken.getLocalPort(), 0, true);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedBroker.start(options))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is in use")
                    .hasMessageContaining("broker.port");
        }
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), "k", value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "restart-check");
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return java.util.stream.StreamSupport.stream(records.spliterator(), false)
                            .map(ConsumerRecord::value).toList();
                }
            }
            return List.of();
        }
    }
}
