package org.ruraledu.streams.query;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ruraledu.contract.Json;

/**
 * The query API of the contract, served by the streams application from its state stores:
 * {@code GET /v1/kpis}, {@code GET /v1/alerts}, {@code GET /metrics} (Prometheus text). JSON bodies use the
 * contract's field names (the same mapper as the topics). While stores are not queryable (start-up,
 * rebalance) the API answers 503, and 400 for a parameter it cannot use, each with {@code {"error": "..."}}.
 */
public final class QueryApi implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;

    private QueryApi(Javalin app) {
        this.app = app;
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public static QueryApi start(String host, int port, QueryStores stores, PrometheusMeterRegistry meters) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
        });
        app.get("/v1/kpis", ctx -> ctx.json(KpiQuery.parse(ctx.queryParam("scope"), ctx.queryParam("metric"),
                ctx.queryParam("period"), ctx.queryParam("from"), ctx.queryParam("to")).run(stores.kpis())));
        app.get("/v1/alerts", ctx -> ctx.json(AlertQuery.parse(ctx.queryParam("state"), ctx.queryParam("district"))
                .run(stores)));
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(meters.scrape()));
        app.exception(BadQueryException.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
        app.exception(InvalidStateStoreException.class, (e, ctx) -> ctx.status(503)
                .json(Map.of("error", "state stores are not queryable yet (starting or rebalancing): " + e.getMessage())));
        app.start(host, port);
        return new QueryApi(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
