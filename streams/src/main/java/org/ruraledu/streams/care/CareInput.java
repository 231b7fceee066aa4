package org.ruraledu.streams.care;

import org.ruraledu.streams.revision.Revision;

/** What reaches a school's care state ({@link CareSchools}), in the school's task of the care domain. */
sealed interface CareInput {

    /** A report that changed its school's month (a first report or a correction; retries never come). */
    record Reported(Revision<MonthlyReport> revision) implements CareInput {}

    /** The school's latest enrolment changed: its left-behind children registered then. */
    record Enrolled(long leftBehindRegistered) implements CareInput {}

    /** The school's entry in the care domain's copy of the registry changed (active, rural, district). */
    record RegistryChanged() implements CareInput {}

    CareInput REGISTRY_CHANGED = new RegistryChanged();
}
