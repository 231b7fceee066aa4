package org.ruraledu.producers.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.Json;
import org.ruraledu.producers.client.KafkaSendException;
import org.ruraledu.producers.client.RecordValidator;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP ingest gateway for school systems that do not speak Kafka (contract: "Ingest gateway").
 *
 * <pre>
 * try (Gateway gateway = Gateway.start(settings)) {   // gateway.host / gateway.port (0 = any free port)
 *     System.out.println(gateway.url());
 * }
 * </pre>
 *
 * Start-up reads the whole school registry and opens the Kafka producers, so a gateway that cannot reach Kafka
 * fails at once with the reason instead of answering every request 503.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Javalin app;
    private final String host;
    private final Deque<AutoCloseable> resources;
    private final RequestCounter requests;

    private Gateway(Javalin app, String host, Deque<AutoCloseable> resources, RequestCounter requests) {
        this.app = app;
        this.host = host;
        this.resources = resources;
        this.requests = requests;
    }

    /** On the clock the settings ask for ({@link PipelineClock}: real time unless {@code clock.start} is set). */
    public static Gateway start(Settings settings) {
        return start(settings, PipelineClock.from(settings));
    }

    /** {@code clock}: what "now" is when records are checked (not in the future, not too old). */
    public static Gateway start(Settings settings, Clock clock) {
        Duration kafkaTimeout = settings.getDuration("gateway.kafka.timeout");
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            SchoolDirectory directory = push(started, SchoolDirectory.start(settings, kafkaTimeout, clock));
            TransactionalProducerPool producers = push(started, new TransactionalProducerPool(settings,
                    settings.getInt("gateway.producers"), settings.get("gateway.instance.id"), kafkaTimeout));
            producers.warmUp();
            Admin admin = Admin.create(settings.kafkaClientProperties());
            started.push(() -> admin.close(kafkaTimeout));
            int maxBodyBytes = settings.getInt("gateway.max.body.bytes");
            RecordValidator validator = new RecordValidator(RecordRules.forSenders(clock, settings));
            IngestHandler ingest = new IngestHandler(new TokenStore(settings.getPath("gateway.tokens.file")),
                    new RateLimiter(settings.getInt("gateway.rate.limit.per.minute")), directory, producers,
                    validator, maxBodyBytes, settings.getInt("gateway.max.records.per.request"), kafkaTimeout);
            RequestCounter requests = new RequestCounter();
            String host = settings.get("gateway.host");
            Javalin app = Javalin.create(config -> {
                config.showJavalinBanner = false;
                config.startupWatcherEnabled = false;
                config.http.maxRequestSize = maxBodyBytes;
            });
            app.post("/v1/schools/{schoolId}/{kind}", ingest);
            // Probes give up after a few seconds: answer 503 before they do.
            Duration healthTimeout = kafkaTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? kafkaTimeout
                    : Duration.ofSeconds(5);
            app.get("/v1/health", ctx -> health(ctx, admin, directory, healthTimeout));
            app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(requests.prometheus()));
            app.exception(Exception.class, (e, ctx) -> {
                // Paths and messages carry input: redact them; the stack trace (no input in it) only at DEBUG.
                log.error("request {} {} failed: {}", ctx.method(), StudentRefs.redact(ctx.path()),
                        StudentRefs.redact(e.toString()));
                log.debug("stack trace of the failed request", e);
                Responses.refused(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
            app.after(ctx -> requests.count(ctx.statusCode()));
            app.start(host, settings.getInt("gateway.port"));
            started.push(app::stop);
            Gateway gateway = new Gateway(app, host, started, requests);
            log.info("ingest gateway listening on {} ({} active schools)", gateway.url(), directory.activeSchools());
            return gateway;
        } catch (RuntimeException e) {
            closeAll(started);
            throw new IllegalStateException("the gateway did not start: " + KafkaSendException.describeCause(e), e);
        }
    }

    /** Liveness, and whether Kafka answers within the timeout (503 if not). */
    private static void health(Context ctx, Admin admin, SchoolDirectory directory, Duration timeout) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode kafka = body.putObject("kafka");
        boolean up;
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            up = brokers > 0;
            kafka.put("status", up ? "UP" : "DOWN").put("brokers", brokers);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            up = false;
            kafka.put("status", "DOWN").put("error", KafkaSendException.describeCause(e));
        }
        body.put("status", up ? "UP" : "DOWN");
        body.put("schools", directory.activeSchools());
        Responses.json(ctx, up ? 200 : 503, body);
    }

    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : shown) + ":" + port();
    }

    /** Requests answered so far, by HTTP status. */
    public Map<Integer, Long> requestCounts() {
        return requests.snapshot();
    }

    @Override
    public void close() {
        closeAll(resources);
        log.info("ingest gateway stopped");
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> started, T resource) {
        started.push(resource);
        return resource;
    }

    /** Closes in reverse order of start: HTTP first, so no request meets a closed producer. */
    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("closing a gateway resource failed: {}", e.toString());
            }
        }
    }
}
