package org.ruraledu.producers.simulator;

import java.util.Random;

/**
 * The mistakes real school systems make, at realistic rates scaled by one multiplier: a report sent a day late,
 * a report corrected after it was sent, a report retried after a timeout, and bytes that are not a report; in
 * classrooms, a boiler that fails, a sensor that flaps and readings that arrive late.
 */
final class Faults {
    private static final double LATE = 0.05;
    private static final double CORRECTED = 0.03;
    private static final double RETRIED = 0.02;
    private static final double BROKEN = 0.003;
    /** Classroom episodes, per school and school day of readings. */
    static final double BOILER_FAILURE = 0.01;
    static final double FLAPPING_SENSOR = 0.01;
    static final double LATE_READINGS = 0.02;

    private final Random random;
    private final double scale;

    Faults(Random random, double scale) {
        this.random = random;
        this.scale = scale;
    }

    boolean late() {
        return chance(LATE);
    }

    boolean corrected() {
        return chance(CORRECTED);
    }

    boolean retried() {
        return chance(RETRIED);
    }

    boolean broken() {
        return chance(BROKEN);
    }

    /**
     * How many of {@code schools} have an episode of {@code rate} on a day: at least one whenever faults are on at
     * all, so that a small simulation shows each episode too.
     */
    int episodes(int schools, double rate) {
        return scale <= 0 || schools == 0 ? 0 : (int) Math.max(1, Math.min(schools, Math.round(schools * rate * scale)));
    }

    private boolean chance(double rate) {
        return scale > 0 && random.nextDouble() < Math.min(1.0, rate * scale);
    }
}
