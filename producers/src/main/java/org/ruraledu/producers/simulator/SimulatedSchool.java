package org.ruraledu.producers.simulator;

import org.ruraledu.schemas.SchoolProfile;

/**
 * One simulated school: its registry profile and the figures that drive its reports.
 *
 * @param lunchShare share of enrolled pupils who need lunch at school on a normal day
 * @param reliability chance that the school's systems behave on a given day (the rest are faults)
 */
public record SimulatedSchool(SchoolProfile profile, int enrolled, int boarders, int leftBehind,
        double lunchShare, double reliability) {

    public String id() {
        return profile.getSchoolId();
    }

    public String district() {
        return profile.getDistrict();
    }
}
