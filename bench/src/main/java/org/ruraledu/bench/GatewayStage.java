package org.ruraledu.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.ruraledu.contract.Json;
import org.ruraledu.producers.gateway.Gateway;
import org.ruraledu.producers.gateway.TokenStore;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.records.JsonRecords;

/**
 * (e) The gateway's own rate: batches of meal reports over HTTP from several schools at once, each request
 * validated and written to Kafka in one transaction before its 202. The streams application is stopped for it, so
 * the two do not share the cores: this is what the gateway alone takes.
 */
final class GatewayStage {
    private static final int SCHOOLS = 32; // requests spread over them stay far below each school's rate limit

    private GatewayStage() {}

    static void run(Context ctx, Gateway gateway) throws Exception {
        BenchOptions o = ctx.options();
        Progress.say(String.format("(e) gateway: %d requests of %d records, %d at a time ...", o.gatewayRequests(),
                o.gatewayBatch(), o.gatewayConcurrency()));
        List<SimulatedSchool> schools = Workload.lunchSchools(ctx.loaded().schools());
        schools = schools.subList(0, Math.min(SCHOOLS, schools.size()));
        TokenStore tokens = new TokenStore(ctx.settings().getPath("gateway.tokens.file"));
        List<String> issued = schools.stream().map(s -> tokens.issue(s.id())).toList();
        GatewayPoster poster = new GatewayPoster(gateway.url());
        int warmUp = Math.max(1, o.gatewayConcurrency());
        List<Runnable> requests = new ArrayList<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        for (int i = 0; i < warmUp + o.gatewayRequests(); i++) {
            SimulatedSchool school = schools.get(i % schools.size());
            String token = issued.get(i % schools.size());
            String body = batch(school, i, o.gatewayBatch()); // built before the clock starts
            requests.add(() -> {
                HttpResponse<String> response = poster.post(school.id(), "meal-reports", token, body);
                (response.statusCode() == 202 ? accepted : refused).addAndGet(o.gatewayBatch());
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(o.gatewayConcurrency());
        try {
            runAll(pool, requests.subList(0, warmUp)); // connections and JIT warm, not timed
            accepted.set(0);
            long start = System.nanoTime();
            runAll(pool, requests.subList(warmUp, requests.size()));
            double seconds = Context.seconds(start, System.nanoTime());
            ctx.results().put("gateway.rate", "(e) gateway, batches of " + o.gatewayBatch(), accepted.get() / seconds,
                    "records/s", String.format("%,d records accepted (202) in %.2f s, %d requests in flight, %d "
                            + "schools; %,d refused; streams stopped", accepted.get(), seconds, o.gatewayConcurrency(),
                            schools.size(), refused.get()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runAll(ExecutorService pool, List<Runnable> requests) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        requests.forEach(r -> done.add(pool.submit(r)));
        for (Future<?> f : done) {
            f.get();
        }
    }

    /** A JSON array of meal reports of one school, as a school system's batch upload would be. */
    private static String batch(SimulatedSchool school, int request, int size) throws Exception {
        ArrayNode array = Json.MAPPER.createArrayNode();
        LocalDate day = Workload.lastSchoolDay();
        for (int j = 0; j < size; j++) {
            array.add(JsonRecords.toJson(MealReports.report(school, day, "bench-gw-" + request + "-" + j, j)));
        }
        return Json.MAPPER.writeValueAsString(array);
    }
}
