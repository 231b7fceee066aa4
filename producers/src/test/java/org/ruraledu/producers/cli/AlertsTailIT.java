package org.ruraledu.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.Json;
import org.ruraledu.embedded.SharedBroker;
import org.ruraledu.producers.testing.Cli;
import org.ruraledu.topics.Topics;

class AlertsTailIT {
    private static KafkaProducer<String, Alert> producer;

    @BeforeAll
    static void publishAlerts() throws Exception {
        Properties props = SharedBroker.get().clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, Topics.ALERTS.keySerde().serializer(),
                Topics.ALERTS.valueSerde().serializer());
        publish(alert("huancui", AlertType.MEAL_GAP, Alert.Severity.WARNING, "H01", "Lunch gap at H01"));
        publish(alert("rushan", AlertType.DROPOUT_DETECTED, Alert.Severity.CRITICAL, "R07", "Dropout recorded at R07"));
        publish(alert("rushan", AlertType.FOOD_SAFETY_INCIDENT, Alert.Severity.INFO, "R08", "Incident at R08"));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void filtersByDistrictFromTheBeginning() {
        Cli.Run run = tail("--from-beginning", "--district", "rushan", "--max", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains(" rushan "))
                .anySatisfy(line -> assertThat(line).contains("OPEN", "CRITICAL", "DROPOUT_DETECTED", "school=R07",
                        "student=", "Dropout recorded at R07"));
    }

    @Test
    void filtersByMinimumSeverityAndType() {
        Cli.Run critical = tail("--from-beginning", "--severity", "critical", "--max", "1");
        assertThat(critical.out()).contains("DROPOUT_DETECTED").doesNotContain("MEAL_GAP");

        Cli.Run warningOrWorse = tail("--from-beginning", "--severity", "WARNING", "--type", "MEAL_GAP", "--max", "1");
        assertThat(warningOrWorse.out()).contains("MEAL_GAP", "huancui", "Lunch gap at H01");
    }

    @Test
    void printsTheRecordAsJson() throws Exception {
        Cli.Run run = tail("--from-beginning", "--type", "FOOD_SAFETY_INCIDENT", "--json", "--max", "1");
        Alert alert = Json.MAPPER.readValue(run.out().trim(), Alert.class);
        assertThat(alert.schoolId()).isEqualTo("R08");
        assertThat(alert.message().zh()).isNotBlank();
    }

    @Test
    void followsAlertsPublishedAfterItStarted() {
        String school = "NEW" + UUID.randomUUID().toString().substring(0, 6);
        CompletableFuture<Cli.Run> tail = CompletableFuture.supplyAsync(() -> tail("--district", "nanhai", "--max", "1"));
        // It starts at the end of the topic: keep publishing until it has seen one.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            publish(alert("nanhai", AlertType.REPORT_MISSING, Alert.Severity.WARNING, school, "Missing report"));
            return tail.isDone();
        });
        assertThat(tail.join().out()).contains("REPORT_MISSING", "school=" + school);
    }

    @Test
    void anUnknownDistrictIsAUsageError() {
        Cli.Run run = tail("--district", "atlantis");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("unknown district 'atlantis'");
    }

    private static Cli.Run tail(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-servers";
        all[1] = SharedBroker.get().bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(new AlertsTailCommand(), all);
    }

    private static void publish(Alert alert) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.district(), alert)).get();
    }

    private static Alert alert(String district, AlertType type, Alert.Severity severity, String school, String en) {
        Instant now = Instant.now();
        return new Alert(UUID.randomUUID().toString(), type, Alert.AlertState.OPEN, severity, district, school,
                type == AlertType.DROPOUT_DETECTED ? "q1Xq0lVr0c5-3mBzSg5m8vJm3dG0d9d3cMf3qH5wY4E" : null, null, null,
                null, null, LocalDate.now(), type.planItem(), now, now, new Alert.Message("中文消息", en));
    }
}
