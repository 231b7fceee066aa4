package org.ruraledu.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruraledu.records.RecordRules;

/**
 * Posts dropouts (DROPPED_OUT, the critical case) of made-up pupils through the gateway and times each from
 * the gateway's 202 to its DROPOUT_DETECTED on the alert topic. Every probe is a new pupil, so each opens a
 * case and an alert of its own.
 */
final class DropoutProbe {
    private final GatewayPoster gateway;
    private final String schoolId;
    private final String token;
    private final AlertWatch alerts;
    private final Map<String, Long> acceptedAt = new LinkedHashMap<>();
    /** The 202's wall-clock time, to compare with the alert's openedAt (the pipeline runs in this JVM's clock). */
    private final Map<String, Long> acceptedAtMillis = new LinkedHashMap<>();
    private int pupils;

    DropoutProbe(GatewayPoster gateway, String schoolId, String token, AlertWatch alerts) {
        this.gateway = gateway;
        this.schoolId = schoolId;
        this.token = token;
        this.alerts = alerts;
    }

    /** Posts one dropout; returns the pupil's ref. The clock starts when the 202 is in. */
    String post(String label) {
        int pupil = 90_000_000 + pupils++;
        String ref = Workload.REFS.refOf("G371099" + String.format("%012d", pupil));
        String body = String.format("{\"eventId\":\"bench-%s-%d\",\"schoolId\":\"%s\",\"studentRef\":\"%s\","
                + "\"grade\":8,\"date\":\"%s\",\"status\":\"DROPPED_OUT\",\"reason\":\"EMPLOYMENT\","
                + "\"leftBehind\":true,\"recordedAt\":\"%s\"}", label, pupil, schoolId, ref,
                LocalDate.now(RecordRules.ZONE), Instant.now());
        gateway.postAccepted(schoolId, "student-status", token, body);
        acceptedAt.put(ref, System.nanoTime());
        acceptedAtMillis.put(ref, System.currentTimeMillis());
        return ref;
    }

    /**
     * The first part of each ref's latency: from the 202 to the moment the pipeline processed the dropout (the
     * alert's {@code openedAt}); the rest is the commit that makes it visible, and the read. Left out as above.
     */
    List<Double> processingMillis(List<String> refs) {
        List<Double> millis = new ArrayList<>();
        for (String ref : refs) {
            Long opened = alerts.openedAtMillis(ref);
            if (opened != null) {
                millis.add((double) Math.max(0, opened - acceptedAtMillis.get(ref)));
            }
        }
        return millis;
    }

    /** Latency in milliseconds of each ref's alert; a ref whose alert never came is left out. */
    List<Double> latenciesMillis(List<String> refs) {
        List<Double> millis = new ArrayList<>();
        for (String ref : refs) {
            Long seen = alerts.detectedAt(ref);
            if (seen != null) {
                millis.add(Math.max(0, seen - acceptedAt.get(ref)) / 1e6);
            }
        }
        return millis;
    }
}
