package org.ruraledu.streams.reporting;

import java.time.LocalDate;
import java.util.TreeMap;

/**
 * What the reporting domain keeps of one school ({@code reporting-schools-store}): the day it registered (it owes
 * periods that begin on or after it), the instant up to which its deadlines have been closed (owed periods
 * whose deadline is after it are still open), and what it owes per kind ({@link Owing}, by the kind's path).
 */
final class ReportingSchool {
    public LocalDate registeredOn;
    public long closedUntil;
    public TreeMap<String, Owing> kinds = new TreeMap<>();

    static ReportingSchool registered(LocalDate on, long closedUntil) {
        ReportingSchool school = new ReportingSchool();
        school.registeredOn = on;
        school.closedUntil = closedUntil;
        return school;
    }

    Owing owing(ReportKind kind) {
        return kinds.computeIfAbsent(kind.path(), k -> new Owing());
    }
}
