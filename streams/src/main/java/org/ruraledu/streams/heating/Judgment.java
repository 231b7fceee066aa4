package org.ruraledu.streams.heating;

/**
 * How the classroom standard judges one counted reading: the season it counts in, whether it is in range, whether
 * it is far enough out to be CRITICAL, and the limit it is held to (18 °C in the heating season, 28 °C in the
 * cooling season by default).
 */
public record Judgment(Season season, boolean inRange, boolean critical, double limitC) {

    public enum Season { HEATING, COOLING }
}
