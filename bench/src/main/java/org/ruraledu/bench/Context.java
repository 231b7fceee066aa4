package org.ruraledu.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.ruraledu.config.Settings;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.Topics;

/**
 * What every stage of one run shares: the settings pointing at the run's broker, an admin client, the loaded
 * workload, where to keep state, and where to put figures.
 */
record Context(Settings settings, Admin admin, Workload.Loaded loaded, BenchOptions options, Results results,
        Path workDir) {

    /** Every input topic of the contract, whether or not the simulator writes to it yet. */
    static List<String> inputTopics() {
        return Topics.inputs().stream().map(Topic::name).toList();
    }

    Properties clientProperties() {
        return settings.kafkaClientProperties();
    }

    /** Settings of one streams application of the run: its own application id and a fresh state directory. */
    Settings streamsApp(String applicationId) {
        return settings.with(java.util.Map.of("streams.application.id", applicationId,
                "streams.state.dir", workDir.resolve(applicationId).toString()));
    }

    /** Input records of the main workload, as the raw stage counted them on the topics. */
    long inputRecords() {
        return (long) results.value("input.records");
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
