package org.ruraledu.streams.heating;

/**
 * One change of a room's alert, decided at the reading measured at {@code at} (temperature {@code temperatureC}):
 * OPEN, ESCALATE (WARNING to CRITICAL), RESOLVE (by an in-range run that started at {@code runStart}), or
 * FORGET (the room fell silent; {@code at} is its newest reading). {@code alert}: the alert as it stands after
 * the change (for RESOLVE and FORGET: as it stood before).
 */
record Change(Kind kind, OpenAlert alert, long at, double temperatureC, long runStart) {

    enum Kind { OPEN, ESCALATE, RESOLVE, FORGET }
}
