package org.ruraledu.streams.dropout;

/**
 * An entry of the open-cases index: a case open now, with what the overdue check needs without reading the
 * pupil's history (the school's district and name for the alert) and the overdue level last published. The
 * entry is also exactly what the case contributes to the standing KPIs, so a later change subtracts what was
 * added.
 */
public record OpenCase(DropoutCase dropoutCase, String district, String schoolName, OverdueLevel level) {

    public String caseId() {
        return dropoutCase.caseId();
    }

    OpenCase at(OverdueLevel newLevel) {
        return new OpenCase(dropoutCase, district, schoolName, newLevel);
    }
}
