package org.ruraledu.streams.kpi;

/**
 * What reaches a school's standing figures: a change to one of its figures, or ({@code change} null) a change of
 * its registry entry, after which the school is counted again where and as the registry now says.
 */
record StandingInput(String schoolId, FigureChange change) {

    static StandingInput of(FigureChange change) {
        SchoolFigure any = change.after() != null ? change.after() : change.before();
        return new StandingInput(any.schoolId(), change);
    }

    static StandingInput registryChanged(String schoolId) {
        return new StandingInput(schoolId, null);
    }
}
