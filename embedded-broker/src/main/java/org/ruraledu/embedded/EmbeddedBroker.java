package org.ruraledu.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.TopicAdmin;
import org.ruraledu.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running in this JVM from the Kafka
 * jars: no Docker, no ZooKeeper. The local run and the integration tests use it; production uses a cluster.
 *
 * <pre>
 * try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.ephemeral())) {
 *     broker.createContractTopics(3);
 *     ... broker.bootstrapServers() ...
 * }
 * </pre>
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Where and how the broker runs. Port 0 picks a free port. */
    public record Options(Path dataDir, int port, int controllerPort, boolean deleteOnClose) {
        /** A throwaway broker on free ports, its data deleted on close: for tests. */
        public static Options ephemeral() {
            try {
                return new Options(Files.createTempDirectory("ruraledu-kafka-"), 0, 0, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Options options;

    private EmbeddedBroker(KafkaRaftServer server, String bootstrapServers, Options options) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.options = options;
    }

    /** Formats the log directory if it is new, starts the broker and returns once it accepts clients. */
    public static EmbeddedBroker start(Options options) {
        int port = options.port() == 0 ? freePort() : requireFree(options.port(), "broker.port");
        int controllerPort = options.controllerPort() == 0 ? freePort()
                : requireFree(options.controllerPort(), "broker.controller.port");
        Path logDir = options.dataDir().toAbsolutePath().resolve("log");
        Map<String, Object> config = brokerConfig(port, controllerPort, logDir);
        format(config, logDir);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + port;
        EmbeddedBroker broker = new EmbeddedBroker(server, bootstrap, options);
        broker.awaitReady(Duration.ofSeconds(60));
        log.info("embedded Kafka broker ready at {} (data in {})", bootstrap, logDir);
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Properties for any Kafka client of this broker. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    public Admin admin() {
        return Admin.create(clientProperties());
    }

    /** Creates every topic of the contract and waits until each partition is writable. */
    public void createContractTopics(int partitions) {
        createTopics(Topics.all(), partitions);
    }

    public void createTopics(List<Topic<?, ?>> topics, int partitions) {
        try (Admin admin = admin()) {
            TopicAdmin.ensureTopics(admin, topics, partitions, (short) 1, Duration.ofSeconds(60));
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (options.deleteOnClose()) {
            try {
                Directories.deleteRecursively(options.dataDir());
            } catch (java.io.UncheckedIOException e) {
                log.warn("could not delete {}: {}", options.dataDir(), e.getMessage());
            }
        }
        log.info("embedded Kafka broker at {} stopped", bootstrapServers);
    }

    private static Map<String, Object> brokerConfig(int port, int controllerPort, Path logDir) {
        Map<String, Object> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", logDir.toString());
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "3");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "3");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("num.partitions", "3");
        c.put("auto.create.topics.enable", "false");
        // The cleaner's 128 MiB default buffer comes out of the heap: a small JVM fails to start with it.
        c.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        c.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return c;
    }

    /** Formats the log directory once; a directory formatted before keeps its data (restart). */
    private static void format(Map<String, Object> config, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path props = logDir.getParent().resolve("server.properties");
            Properties p = new Properties();
            config.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
            try (var out = Files.newOutputStream(props)) {
                p.store(out, "ruraledu embedded broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc = kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId(logDir.getParent()),
                    "-c", props.toString(), "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting " + logDir + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + logDir, e);
        }
    }

    /** The cluster id is kept beside the log so that a restart on the same directory finds the same cluster. */
    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded broker did not become ready: " + e.getMessage(), e);
        }
    }

    /**
     * Kafka halts the whole JVM when it cannot bind a port, so check first and fail with a reason a person can act
     * on.
     */
    private static int requireFree(int port, String setting) {
        try (ServerSocket socket = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use (is another ruraledu or Kafka running?); "
                    + "stop it or choose another " + setting);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

}
