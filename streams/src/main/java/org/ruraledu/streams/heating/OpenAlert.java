package org.ruraledu.streams.heating;

/**
 * A room's HEATING_OUT_OF_RANGE as last published: since when the room was out of range ({@code anchor}, the first
 * measuredAt of the run that opened it, epoch millis), its severity, the temperature it reports and the limit
 * (season) it is held to, and the school's name and district for its words (kept so that the daily check can
 * close it without a reading).
 */
record OpenAlert(long anchor, boolean critical, double observedC, double limitC, Judgment.Season season,
        String district, String schoolName) {

    OpenAlert escalated(double temperatureC) {
        return new OpenAlert(anchor, true, temperatureC, limitC, season, district, schoolName);
    }
}
