package org.ruraledu.streams.ingest;

import org.ruraledu.schemas.SchoolProfile;

/** One input record on its way through ingest: decoded (school not yet looked up), accepted, or rejected. */
sealed interface Intake<T> {

    record Decoded<T>(T record, String schoolId, RawRecord raw) implements Intake<T> {
        Intake<T> withSchool(SchoolProfile school) {
            return new Accepted<>(new Enriched<>(record, school, raw));
        }
    }

    record Accepted<T>(Enriched<T> enriched) implements Intake<T> {}

    record Rejected<T>(DeadLetter letter) implements Intake<T> {}

    /** The key to look the school up by; records that failed before lookup use one that matches no school. */
    default String lookupKey() {
        return this instanceof Decoded<T> d ? d.schoolId() : "";
    }
}
