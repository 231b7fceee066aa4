package org.ruraledu.streams.dropout;

import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.ingest.RawRecord;

/**
 * One status event as the case tracker sees it: what the history needs ({@link StatusEntry}), where the school is
 * (for alerts and KPIs), and the record as received (so that an event too late to place can still be
 * dead-lettered unchanged). In memory only, never serialised.
 */
public record PupilEvent(String schoolId, String studentRef, String district, String schoolName, StatusEntry entry,
        RawRecord received) {

    public static PupilEvent of(Enriched<StudentStatusEvent> event) {
        StudentStatusEvent record = event.record();
        return new PupilEvent(event.schoolId(), record.getStudentRef(), event.district(), event.school().getName(),
                StatusEntry.of(record), event.received());
    }

    /** The key of the pupil's history: {@link PupilHistory#keyOf}. */
    public String pupilKey() {
        return PupilHistory.keyOf(schoolId, studentRef);
    }
}
