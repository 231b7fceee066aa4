package org.ruraledu.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the contract's topics that are missing and waits until every partition answers, because producing
 * right after creating a topic can stall a producer for its whole delivery timeout; checks that the input topics
 * that exist have the partition count the streams application needs.
 */
public final class TopicAdmin {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {}

    public static void ensureTopics(Admin admin, Collection<Topic<?, ?>> topics, int partitions,
            short replicationFactor, Duration timeout) {
        ensure(admin, topics.stream().map(topic -> newTopic(topic, partitions, replicationFactor)).toList(), timeout);
    }

    /** Creates those of {@code topics} that do not exist yet, then waits until every partition of each answers. */
    public static void ensure(Admin admin, List<NewTopic> topics, Duration timeout) {
        call("create topics", () -> {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            createIgnoringRaces(admin, topics.stream().filter(t -> !existing.contains(t.name())).toList(), timeout);
            awaitWritable(admin, topics.stream().map(NewTopic::name).collect(Collectors.toSet()), timeout);
            return null;
        });
    }

    /**
     * Fails with a one-line reason unless each of {@code topics} that exists has {@code partitions} partitions.
     * Kafka Streams keeps a school's state in the task of the school's partition number, the same number in every
     * input topic; a topic with another count would send the school's records to a task without its state, and
     * nothing would say so. Checked before {@link #ensureTopics} creates the missing ones, so that a wrong
     * {@code topics.partitions} creates nothing.
     */
    public static void requirePartitions(Admin admin, Collection<Topic<?, ?>> topics, int partitions, Duration timeout) {
        List<String> wrong = call("check the partitions of the input topics", () -> {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> names = topics.stream().map(Topic::name).filter(existing::contains).toList();
            Map<String, TopicDescription> found = admin.describeTopics(names).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return names.stream().filter(name -> found.get(name).partitions().size() != partitions)
                    .map(name -> name + " has " + found.get(name).partitions().size()).toList();
        });
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("input topics must all have topics.partitions=" + partitions
                    + " partitions, but " + String.join(", ", wrong) + ": Kafka Streams finds a school's state by "
                    + "partition number, so that school's records would silently miss it. Set topics.partitions to "
                    + "the count the existing input topics share, or recreate the odd ones (Kafka cannot take "
                    + "partitions away)");
        }
    }

    /** An admin call that may be interrupted or time out, failing with what it was trying to do. */
    private interface AdminCall<T> {
        T run() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException;
    }

    private static <T> T call(String trying, AdminCall<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + trying, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot " + trying + ": " + e.getMessage(), e);
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, int partitions, short replicationFactor) {
        Map<String, String> configs = new HashMap<>();
        if (topic.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (replicationFactor > 1) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(replicationFactor - 1));
        }
        return new NewTopic(topic.name(), partitions, replicationFactor).configs(configs);
    }

    private static void createIgnoringRaces(Admin admin, List<NewTopic> missing, Duration timeout)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        var result = admin.createTopics(missing);
        List<String> created = new ArrayList<>();
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        // A first start creates the contract's few topics and the streams application's hundred and more internal
        // ones: one line each for the few, one line for the many (each at DEBUG).
        created.sort(null);
        if (created.size() <= NAMED_AT_INFO) {
            created.forEach(name -> log.info("created topic {}", name));
        } else {
            log.info("created {} topics ({} ... {}; RURALEDU_LOG_LEVEL=DEBUG names each)", created.size(),
                    created.get(0), created.get(created.size() - 1));
            created.forEach(name -> log.debug("created topic {}", name));
        }
    }

    /** Up to how many topics created at once are each named at INFO. */
    private static final int NAMED_AT_INFO = 12;

    /** Waits until the leader of every partition of every topic answers a list-offsets request. */
    public static void awaitWritable(Admin admin, Set<String> topicNames, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(topicNames).allTopicNames().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                descriptions.values().forEach(d -> d.partitions().forEach(
                        p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(request).all().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("topics not writable within " + timeout + ": " + topicNames, last);
    }
}
