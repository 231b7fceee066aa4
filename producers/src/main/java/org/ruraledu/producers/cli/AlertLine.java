package org.ruraledu.producers.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** One alert as one readable line: when, state, severity, type, district, school, pupil, English message. */
final class AlertLine {
    private AlertLine() {}

    static String of(JsonNode alert) {
        String school = text(alert, "schoolId");
        String subject = text(alert, "subjectRef");
        return String.format("%-24s %-8s %-8s %-20s %-9s %s%s%s",
                text(alert, "updatedAt"), text(alert, "state"), text(alert, "severity"), text(alert, "type"),
                text(alert, "district"),
                school.equals("-") ? "" : "school=" + school + " ",
                subject.equals("-") ? "" : "student=" + subject + " ",
                alert.path("message").path("en").asText(""));
    }

    private static String text(JsonNode alert, String field) {
        JsonNode value = alert.get(field);
        return value == null || value.isNull() ? "-" : value.asText();
    }
}
