package org.ruraledu.streams.ingest;

import org.ruraledu.schemas.SchoolProfile;

/**
 * An input record that passed ingest: decoded, within the domain rules, and sent by a known, active school,
 * whose registry profile travels with it (district, level, rural, boarding, ...). {@code received} is the record
 * as it arrived, for a domain that refuses it later (it travels in memory only, never into a store or topic
 * unless the domain puts it there).
 */
public record Enriched<T>(T record, SchoolProfile school, RawRecord received) {
    public String schoolId() {
        return school.getSchoolId();
    }

    public String district() {
        return school.getDistrict();
    }

    /** This record refused by a domain, for {@link Ingest#deadLetter}. */
    public DeadLetter refused(Rejection why) {
        return new DeadLetter(received, why);
    }
}
