package org.ruraledu.producers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Json;
import org.ruraledu.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Follows {@code ruraledu.alerts.v1}: one readable line per alert state, or the JSON as published. Alerts are
 * read as JSON trees rather than {@link Alert} records, so that alert types added later still show.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follows the alert topic and prints one line per alert (state, severity, type, district, "
                + "school, message) until Ctrl-C.")
public final class AlertsTailCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--district", paramLabel = "KEY", description = "Only this district (huancui, wendeng, ...).")
    String district;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this alert type, e.g. DROPOUT_DETECTED.")
    String type;

    @Option(names = "--severity", paramLabel = "LEVEL",
            description = "Only this severity or a higher one: INFO, WARNING, CRITICAL.")
    String severity;

    @Option(names = "--from-beginning", description = "Start with the oldest alert kept, not with new ones.")
    boolean fromBeginning;

    @Option(names = "--json", description = "Print each alert as its JSON record.")
    boolean json;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N alerts.")
    Long max;

    @Override
    public Integer call() throws InterruptedException {
        Alert.Severity minimum = checkFilters();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch closed = new CountDownLatch(1);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Thread stopOnCtrlC = new Thread(() -> {
                consumer.wakeup();
                awaitQuietly(closed);
            }, "alerts-tail-stop");
            Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            try {
                follow(consumer, minimum, out);
            } catch (WakeupException stopping) {
                // Ctrl-C
            } finally {
                removeQuietly(stopOnCtrlC);
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private void follow(KafkaConsumer<String, byte[]> consumer, Alert.Severity minimum, PrintWriter out) {
        long shown = 0;
        while (max == null || shown < max) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                JsonNode alert = parse(record);
                if (alert != null && matches(alert, minimum)) {
                    out.println(json ? new String(record.value(), StandardCharsets.UTF_8) : AlertLine.of(alert));
                    out.flush();
                    if (max != null && ++shown >= max) {
                        return;
                    }
                }
            }
        }
    }

    private Alert.Severity checkFilters() {
        if (district != null && !District.isKey(district)) {
            throw new ParameterException(spec.commandLine(), "--district: unknown district '" + district
                    + "'; one of " + String.join(", ", Arrays.stream(District.values()).map(District::key).toList()));
        }
        if (type != null && Arrays.stream(AlertType.values()).noneMatch(t -> t.name().equalsIgnoreCase(type))) {
            spec.commandLine().getErr().println("note: " + type + " is not an alert type this version knows; "
                    + "showing it if it appears");
        }
        if (severity == null) {
            return Alert.Severity.INFO;
        }
        try {
            return Alert.Severity.valueOf(severity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--severity: one of INFO, WARNING, CRITICAL, got '"
                    + severity + "'");
        }
    }

    private boolean matches(JsonNode alert, Alert.Severity minimum) {
        return (district == null || district.equals(alert.path("district").asText()))
                && (type == null || type.equalsIgnoreCase(alert.path("type").asText()))
                && severityOf(alert).compareTo(minimum) >= 0;
    }

    private static Alert.Severity severityOf(JsonNode alert) {
        try {
            return Alert.Severity.valueOf(alert.path("severity").asText());
        } catch (IllegalArgumentException e) {
            return Alert.Severity.CRITICAL; // a severity this version does not know: show rather than hide it
        }
    }

    private JsonNode parse(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode node = record.value() == null ? null : Json.MAPPER.readTree(record.value());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        spec.commandLine().getErr().println("skipping an unreadable alert at " + record.topic() + "-"
                + record.partition() + "@" + record.offset());
        return null;
    }

    private Properties consumerProperties() {
        Properties props = common.settings().kafkaClientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // alerts are written exactly once
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ruraledu-alerts-tail");
        return props;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
        }
    }
}
