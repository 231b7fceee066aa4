package org.ruraledu.producers.simulator;

import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.SchoolProfile;

/**
 * One simulated school: its registry profile and the figures that drive its reports.
 *
 * @param lunchShare share of enrolled pupils who need lunch at school on a normal day
 * @param reliability chance that the school's systems behave on a given day (the rest are faults)
 * @param classrooms classrooms with a temperature sensor (3..12); only a school that heats sends their readings
 * @param careRoom the school runs a care room (关爱室) for its left-behind children
 */
public record SimulatedSchool(SchoolProfile profile, int enrolled, int boarders, int leftBehind,
        double lunchShare, double reliability, int classrooms, boolean careRoom) {

    public String id() {
        return profile.getSchoolId();
    }

    public String district() {
        return profile.getDistrict();
    }

    /** The school heats its classrooms: its registry entry names a heating source other than NONE. */
    public boolean heated() {
        return profile.getHeatingSource() != null && profile.getHeatingSource() != EnergySource.NONE;
    }

    /** The sensor name of classroom {@code index} (0-based): R01, R02, ... */
    public static String roomId(int index) {
        return String.format("R%02d", index + 1);
    }
}
