package org.ruraledu.producers.simulator;

import java.time.Duration;

/**
 * What to simulate.
 *
 * @param schools number of schools across the 8 districts
 * @param days school days to simulate, ending today or the last school day before it (the school calendar)
 * @param daysPerMinute pace of the simulated days; 0 sends them as fast as Kafka takes them
 * @param faults multiplier of the realistic fault rates (late, corrected, retried and broken reports) and of the
 *        classroom episodes (boiler failures, flapping sensors, late readings); 0 = none
 * @param seed random seed: the same seed gives the same schools and reports
 * @param followTicks after the simulated days, live ticks of corrections and new events for today; 0 = stop
 * @param tickMillis pause between live ticks
 * @param climateDays classroom readings for the last this many simulated days whose school hours have begun;
 *        0 = none. Readings are the bulk of the volume (up to 12 rooms x 108 readings per school and day)
 * @param climateSchools which of the heating schools send readings
 * @param climateInterval time between two readings of a room
 */
public record SimulatorOptions(int schools, int days, double daysPerMinute, double faults, long seed,
        long followTicks, long tickMillis, int climateDays, SchoolShare climateSchools, Duration climateInterval) {

    public static final Duration DEFAULT_CLIMATE_INTERVAL = Duration.ofMinutes(5);

    /**
     * Without classroom readings, as before they existed: the callers that size a workload by schools and days
     * (tests, the benchmark) opt in to the readings' volume with {@link #withClimate}.
     */
    public SimulatorOptions(int schools, int days, double daysPerMinute, double faults, long seed,
            long followTicks, long tickMillis) {
        this(schools, days, daysPerMinute, faults, seed, followTicks, tickMillis, 0, SchoolShare.ALL,
                DEFAULT_CLIMATE_INTERVAL);
    }

    /** The {@code simulate} command's defaults: readings of the last school day from every heating school. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(300, 10, 0, 1.0, 20230630L, 0, 2000, 1, SchoolShare.ALL,
                DEFAULT_CLIMATE_INTERVAL);
    }

    public SimulatorOptions withClimate(int climateDays, SchoolShare climateSchools) {
        return new SimulatorOptions(schools, days, daysPerMinute, faults, seed, followTicks, tickMillis, climateDays,
                climateSchools, climateInterval);
    }

    public SimulatorOptions withClimateInterval(Duration interval) {
        return new SimulatorOptions(schools, days, daysPerMinute, faults, seed, followTicks, tickMillis, climateDays,
                climateSchools, interval);
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
        if (climateDays < 0) {
            throw new IllegalArgumentException("climate-days: must not be negative");
        }
        if (climateSchools == null) {
            throw new IllegalArgumentException("climate-schools: required");
        }
        // The episodes are shaped in 5-minute steps (a boiler failure of an hour, a cold morning under 20 minutes).
        if (climateInterval == null || climateInterval.isNegative() || climateInterval.isZero()
                || climateInterval.toMinutes() < 1 || climateInterval.compareTo(Duration.ofMinutes(30)) > 0
                || 60 % climateInterval.toMinutes() != 0
                || climateInterval.toSecondsPart() != 0) {
            throw new IllegalArgumentException("climate-interval: whole minutes that divide an hour, at most PT30M, got "
                    + climateInterval);
        }
    }
}
