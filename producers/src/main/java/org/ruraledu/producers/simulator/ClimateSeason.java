package org.ruraledu.producers.simulator;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * The seasons of the classroom standard (取暖消暑) as the streams application's defaults have them: heating
 * 15 November to 31 March (at least 18 °C), cooling 1 June to 15 September (at most 28 °C), neither otherwise.
 * The simulator needs them to shape its temperatures; it does not judge them.
 */
enum ClimateSeason {
    HEATING, COOLING, NEITHER;

    static final double HEATING_MIN_C = 18.0;
    static final double COOLING_MAX_C = 28.0;

    static ClimateSeason of(LocalDate day) {
        MonthDay d = MonthDay.from(day);
        if (!d.isBefore(MonthDay.of(11, 15)) || !d.isAfter(MonthDay.of(3, 31))) {
            return HEATING;
        }
        if (!d.isBefore(MonthDay.of(6, 1)) && !d.isAfter(MonthDay.of(9, 15))) {
            return COOLING;
        }
        return NEITHER;
    }
}
