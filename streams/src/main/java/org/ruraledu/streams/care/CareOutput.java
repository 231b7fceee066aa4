package org.ruraledu.streams.care;

import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.FigureUpdate;

/** What a school's care state ({@link CareSchools}) sends on: to the month rollup, the current rollup, the alerts. */
sealed interface CareOutput {

    /** The fallback figure of a month the school has not reported (null figure: none, or no longer). */
    record Fallback(FigureUpdate update) implements CareOutput {}

    /** The school's {@code current} figure replaced. */
    record Standing(FigureChange change) implements CareOutput {}

    /** CARE_ROOM_MISSING of the school, holding or cleared. */
    record Condition(AlertCondition condition) implements CareOutput {}
}
