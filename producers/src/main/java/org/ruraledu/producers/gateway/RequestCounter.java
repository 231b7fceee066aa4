package org.ruraledu.producers.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests answered, per HTTP status: enough to see refusals rise without a metrics library. */
final class RequestCounter {
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void count(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    Map<Integer, Long> snapshot() {
        Map<Integer, Long> copy = new TreeMap<>();
        byStatus.forEach((status, n) -> copy.put(status, n.sum()));
        return copy;
    }

    /** Prometheus text format. */
    String prometheus() {
        StringBuilder text = new StringBuilder("# HELP ruraledu_gateway_requests_total Requests answered, by status.\n"
                + "# TYPE ruraledu_gateway_requests_total counter\n");
        snapshot().forEach((status, n) -> text.append("ruraledu_gateway_requests_total{status=\"").append(status)
                .append("\"} ").append(n).append('\n'));
        return text.toString();
    }
}
