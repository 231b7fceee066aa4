package org.ruraledu.streams.dropout;

import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.ingest.DeadLetter;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.FigureUpdate;

/** What the case tracker sends on: to the alert lifecycle, to one of the two KPI rollups, or to dead letters. */
sealed interface CaseOutput {

    /** DROPOUT_DETECTED or DROPOUT_CASE_OVERDUE holds or cleared. */
    record Condition(AlertCondition condition) implements CaseOutput {}

    /** A change to the standing figures: open and overdue cases, by reason and grade (CURRENT). */
    record Standing(FigureChange change) implements CaseOutput {}

    /** A dated figure of a case, as it is now: its opening, its return or transfer (DAY, MONTH). */
    record Flow(FigureUpdate update) implements CaseOutput {}

    /** An event the history cannot take (too late). */
    record Refused(DeadLetter letter) implements CaseOutput {}
}
