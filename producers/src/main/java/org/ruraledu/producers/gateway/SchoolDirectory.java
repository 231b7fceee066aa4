package org.ruraledu.producers.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schools the gateway accepts reports for: a background consumer reads the compacted school registry from
 * its beginning and keeps the latest profile of each school in memory, with the day it became inactive if it is
 * ({@link Registration}), or why its latest entry is unreadable. A school is unknown once its profile is deleted
 * (a tombstone). {@link #catchUp} gives read-your-writes: a school registered (or reopened) a moment ago is found.
 */
public final class SchoolDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchoolDirectory.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<String, Registration> schools = new ConcurrentHashMap<>();
    /** The streams application's rules for registry entries ({@code RegistryEntry}); profiles have no dates. */
    private final RecordRules rules = RecordRules.systemClock();
    private final Queue<CatchUp> requests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final Duration kafkaTimeout;
    /** Reads the registry records' timestamps (when a school closed) as the pipeline's time. */
    private final Clock clock;
    private volatile boolean running = true;

    /** A wait for the consumer to reach the end offsets the registry had when the wait began. */
    private static final class CatchUp {
        final CompletableFuture<Boolean> reached = new CompletableFuture<>();
        Map<TopicPartition, Long> endOffsets; // set on the consumer thread
    }

    private SchoolDirectory(Settings settings, Duration kafkaTimeout, Clock clock) {
        Properties props = settings.kafkaClientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ruraledu-gateway-registry");
        this.kafkaTimeout = kafkaTimeout;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(props);
        try {
            this.partitions = consumer.partitionsFor(Topics.SCHOOL_REGISTRY.name(), kafkaTimeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.SCHOOL_REGISTRY.name()
                        + " does not exist: create the contract's topics first");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        this.thread = new Thread(this::run, "ruraledu-school-directory");
        this.thread.setDaemon(true);
    }

    /** Starts the consumer and returns once the whole registry has been read. */
    public static SchoolDirectory start(Settings settings, Duration kafkaTimeout, Clock clock) {
        SchoolDirectory directory = new SchoolDirectory(settings, kafkaTimeout, clock);
        directory.thread.start();
        if (!directory.catchUp(kafkaTimeout.multipliedBy(3))) {
            directory.close();
            throw new IllegalStateException("could not read " + Topics.SCHOOL_REGISTRY.name() + " within "
                    + kafkaTimeout.multipliedBy(3).toSeconds() + " s");
        }
        log.info("school directory loaded: {} active schools", directory.activeSchools());
        return directory;
    }

    /** The school's latest registry entry, active or not; empty if it is not in the registry. */
    Optional<Registration> registration(String schoolId) {
        return Optional.ofNullable(schoolId == null ? null : schools.get(schoolId));
    }

    public long activeSchools() {
        return schools.values().stream().filter(Registration::active).count();
    }

    /** Waits until everything written to the registry before this call has been read; false on timeout. */
    public boolean catchUp(Duration timeout) {
        CatchUp request = new CatchUp();
        requests.add(request);
        consumer.wakeup();
        try {
            return request.reached.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            request.reached.cancel(false);
        }
    }

    private void run() {
        List<CatchUp> waiting = new ArrayList<>();
        while (running) {
            try {
                takeCatchUpRequests(waiting);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                waiting.removeIf(this::completeIfReached);
            } catch (WakeupException e) {
                // a new catch-up request, or close: go round again
            } catch (KafkaException e) {
                log.warn("reading the school registry failed, retrying: {}", e.toString());
            }
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        waiting.forEach(w -> w.reached.complete(false));
        requests.forEach(r -> r.reached.complete(false));
    }

    /**
     * Notes the registry's end offsets for each new request. The consumer is not thread-safe, so this happens
     * here rather than on the caller's thread; a request stays queued until its offsets are known.
     */
    private void takeCatchUpRequests(List<CatchUp> waiting) {
        CatchUp request;
        while ((request = requests.peek()) != null) {
            try {
                request.endOffsets = consumer.endOffsets(partitions, kafkaTimeout);
                waiting.add(request);
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                request.reached.complete(false);
            }
            requests.poll();
        }
        waiting.removeIf(this::completeIfReached);
    }

    private boolean completeIfReached(CatchUp request) {
        if (request.reached.isDone()) {
            return true; // the caller gave up
        }
        boolean reached = request.endOffsets.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey(), kafkaTimeout) >= e.getValue());
        if (reached) {
            request.reached.complete(true);
        }
        return reached;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            schools.remove(record.key());
            return;
        }
        SchoolProfile profile;
        try {
            profile = Topics.SCHOOL_REGISTRY.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (KafkaException e) {
            unreadable(record, e.getMessage());
            return;
        }
        List<FieldError> broken = rules.check(profile);
        if (broken.isEmpty()) {
            schools.compute(record.key(), (id, previous) -> Registration.after(previous, profile,
                    PipelineClock.timeOf(clock, record.timestamp())));
        } else {
            unreadable(record, broken.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }
    }

    /**
     * An entry the streams application cannot use either (it reads the registry with the same rules): it
     * replaces the school's earlier profile there, so here too, until a readable one follows.
     */
    private void unreadable(ConsumerRecord<String, byte[]> record, String problem) {
        log.warn("unreadable school profile at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                StudentRefs.redact(problem));
        schools.put(record.key(), Registration.unreadable(problem));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
