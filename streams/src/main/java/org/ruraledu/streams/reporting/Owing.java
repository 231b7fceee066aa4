package org.ruraledu.streams.reporting;

import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one school owes of one kind ({@link ReportingSchool}): the periods whose deadline passed with nothing
 * received ({@code missing}, until they arrive late or fall behind the retention horizon), arrivals of periods not
 * yet due ({@code pending}: period → when received, until the period's deadline), the latest period received, and
 * the open REPORT_MISSING: since which period ({@code alertSince}, null: none open) and how many it counts.
 * Mutable, for the processor's one read-change-write of a school.
 */
final class Owing {
    public TreeSet<String> missing = new TreeSet<>();
    public TreeMap<String, Long> pending = new TreeMap<>();
    public String latestReceived;
    public String alertSince;
    public int alerted;

    /**
     * The periods the school is silent on now: missing ones after the latest period it sent. An older gap filled or
     * not, once the school reports a later period it is no longer silent (the gap stays in completeness).
     */
    SortedSet<String> silence() {
        return latestReceived == null ? missing : missing.tailSet(latestReceived, false);
    }

    void received(String period) {
        if (latestReceived == null || period.compareTo(latestReceived) > 0) {
            latestReceived = period;
        }
    }
}
