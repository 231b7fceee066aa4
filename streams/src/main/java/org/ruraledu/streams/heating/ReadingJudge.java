package org.ruraledu.streams.heating;

import org.ruraledu.schemas.ClimateReading;

/** Judges a reading against the classroom standard; null when it counts nowhere (outside school hours or season). */
@FunctionalInterface
public interface ReadingJudge {
    Judgment judge(ClimateReading reading);
}
