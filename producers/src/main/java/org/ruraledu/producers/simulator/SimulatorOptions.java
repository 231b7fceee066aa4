package org.ruraledu.producers.simulator;

/**
 * What to simulate.
 *
 * @param schools number of schools across the 8 districts
 * @param days school days to simulate, ending today (Asia/Shanghai)
 * @param daysPerMinute pace of the simulated days; 0 sends them as fast as Kafka takes them
 * @param faults multiplier of the realistic fault rates (late, corrected, retried and broken reports); 0 = none
 * @param seed random seed: the same seed gives the same schools and reports
 * @param followTicks after the simulated days, live ticks of corrections and new events for today; 0 = stop
 * @param tickMillis pause between live ticks
 */
public record SimulatorOptions(int schools, int days, double daysPerMinute, double faults, long seed,
        long followTicks, long tickMillis) {

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(300, 10, 0, 1.0, 20230630L, 0, 2000);
    }

    public SimulatorOptions {
        if (schools < 8) {
            throw new IllegalArgumentException("schools: at least 8, one per district");
        }
        if (days < 1) {
            throw new IllegalArgumentException("days: at least 1");
        }
        if (faults < 0 || daysPerMinute < 0 || followTicks < 0 || tickMillis < 0) {
            throw new IllegalArgumentException("faults, speed, ticks and tick interval must not be negative");
        }
    }
}
