package org.ruraledu.streams.ingest;

import org.ruraledu.schemas.SchoolProfile;

/**
 * An input record that passed ingest: decoded, within the domain rules, and sent by a known, active school,
 * whose registry profile travels with it (district, level, rural, boarding, ...).
 */
public record Enriched<T>(T record, SchoolProfile school) {
    public String schoolId() {
        return school.getSchoolId();
    }

    public String district() {
        return school.getDistrict();
    }
}
