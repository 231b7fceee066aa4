package org.ruraledu.producers.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;

/**
 * What the gateway checks of a request's school: that it is in the registry with a readable entry (else the
 * whole request is refused), and of each record that it is the school of the path and that the school may send
 * it (an inactive school only what {@link org.ruraledu.records.InactiveSchool} allows).
 */
record SchoolCheck(String pathSchoolId, Registration registration) {

    /** Why no record of the request can be taken, or empty: an unknown school, or an unreadable entry. */
    Optional<String> requestRefusal() {
        if (registration == null) {
            return Optional.of("unknown school '" + pathSchoolId + "': not in the school registry");
        }
        if (!registration.readable()) {
            return Optional.of("the registry entry of school '" + pathSchoolId + "' is unreadable ("
                    + registration.problem() + "), so the pipeline would refuse its reports: the bureau must "
                    + "correct the entry");
        }
        return Optional.empty();
    }

    List<FieldError> errors(SpecificRecordBase record, int index) {
        List<FieldError> errors = new ArrayList<>();
        String recordSchool = InputKind.schoolIdOf(record);
        if (!recordSchool.equals(pathSchoolId)) {
            errors.add(new FieldError(index, "schoolId", "must be the school in the path ('" + pathSchoolId
                    + "'), got '" + recordSchool + "'"));
        } else if (requestRefusal().isEmpty()) {
            registration.refusal(record).ifPresent(refusal -> errors.add(refusal.withIndex(index)));
        }
        return errors;
    }
}
