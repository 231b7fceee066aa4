package org.ruraledu.streams.reporting;

import org.ruraledu.streams.ingest.Arrival;
import org.ruraledu.streams.ingest.RegistryChange;

/** What reaches a school's reporting state: a report arrived, or its registry entry changed. */
sealed interface ReportingInput {
    record Arrived(Arrival arrival) implements ReportingInput {}

    record RegistryChanged(RegistryChange change) implements ReportingInput {}
}
