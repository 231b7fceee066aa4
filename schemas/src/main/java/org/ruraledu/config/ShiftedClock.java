package org.ruraledu.config;

import java.time.Duration;

/**
 * A clock that runs shifted from real time, the time Kafka stamps records and schedules punctuations on: a
 * {@link PipelineClock}, or a test's that moves it. The pipeline reads Kafka timestamps shifted alike
 * ({@link PipelineClock#timeOf}).
 */
public interface ShiftedClock {
    /** How far the clock runs ahead of real time now (negative: behind). */
    Duration shift();
}
