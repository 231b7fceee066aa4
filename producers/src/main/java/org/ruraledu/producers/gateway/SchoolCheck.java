package org.ruraledu.producers.gateway;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;

/**
 * What the gateway checks of each record's school: it is the school of the path, and that school may send it
 * (an inactive school only what {@link org.ruraledu.records.InactiveSchool} allows). An unknown school
 * ({@code registration} null) is refused for the request as a whole, not here.
 */
record SchoolCheck(String pathSchoolId, Registration registration) {

    /** In the registry, active or not. */
    boolean known() {
        return registration != null;
    }

    List<FieldError> errors(SpecificRecordBase record, int index) {
        List<FieldError> errors = new ArrayList<>();
        String recordSchool = InputKind.schoolIdOf(record);
        if (!recordSchool.equals(pathSchoolId)) {
            errors.add(new FieldError(index, "schoolId", "must be the school in the path ('" + pathSchoolId
                    + "'), got '" + recordSchool + "'"));
        } else if (registration != null) {
            registration.refusal(record).ifPresent(refusal -> errors.add(refusal.withIndex(index)));
        }
        return errors;
    }
}
