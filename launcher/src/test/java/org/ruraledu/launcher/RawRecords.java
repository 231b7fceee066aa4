package org.ruraledu.launcher;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

/**
 * Input records of every kind that would be valid but for a raw student number in one text field: bare, after a G
 * (a student number, also lower case), and inside a longer id. Each call makes new numbers and notes, per record,
 * the ID number it holds, so that a scan can look for exactly what was sent.
 */
final class RawRecords {
    /** A pseudonymous studentRef: 43 base64url characters. */
    private static final String REF = "rawRecordsTestPupil0000000000000000000000000".substring(0, 43);

    private RawRecords() {}

    /**
     * One record per field that can carry a number, named {@code path + " " + field}; {@code numbers} gets the
     * same names with the ID number (18 characters) inside each.
     */
    static Map<String, SpecificRecordBase> of(String schoolId, IdNumbers ids, Map<String, String> numbers,
            String path) {
        Map<String, SpecificRecordBase> records = new LinkedHashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate yesterday = LocalDate.now(RecordRules.ZONE).minusDays(1);
        Adder add = (field, number, record) -> {
            numbers.put(path + " " + field, number);
            records.put(path + " " + field, record.apply(number));
        };
        add.add("studentRef", ids.next(), n -> status(schoolId, "raw-" + run + "-1", "G" + n));
        add.add("eventId", ids.nextEndingInX(), n -> status(schoolId, "evt-G" + n + "-1127", REF));
        add.add("reportId (meal)", ids.next(), n -> meal(schoolId, n, yesterday));
        add.add("reportId (enrolment)", ids.next(), n -> EnrollmentReport.newBuilder().setReportId("enr-g" + n)
                .setSchoolId(schoolId).setAsOf(yesterday).setEnrolled(100).setBoarders(0).setLeftBehindRegistered(0)
                .build());
        add.add("reportId (care)", ids.next(), n -> CareReport.newBuilder().setReportId("care-" + n + "-2026")
                .setSchoolId(schoolId).setMonth(YearMonth.now(RecordRules.ZONE).minusMonths(1).toString())
                .setRegistered(10).setContacted(9).setHomeVisits(1).setCounselingSessions(1).setParentSessions(1)
                .setCareRoomOperating(true).build());
        add.add("roomId", ids.next(), n -> climate(schoolId, "raw-" + run + "-2", "room-G" + n));
        add.add("readingId", ids.next(), n -> climate(schoolId, "G" + n + "-t1", "room-101"));
        return records;
    }

    private interface Adder {
        void add(String field, String number, Function<String, SpecificRecordBase> record);
    }

    static MealReport meal(String schoolId, String reportId, LocalDate day) {
        return MealReport.newBuilder().setReportId(reportId).setSchoolId(schoolId).setDate(day).setNeeding(40)
                .setServed(38).setProvision(MealProvision.CANTEEN).setFoodSafetyIncidents(0).build();
    }

    static ClimateReading climate(String schoolId, String readingId, String roomId) {
        return ClimateReading.newBuilder().setReadingId(readingId).setSchoolId(schoolId).setRoomId(roomId)
                .setMeasuredAt(Instant.now().minusSeconds(3600)).setTemperatureC(19.5).setHeatingOn(true)
                .setCoolingOn(false).setEnergySource(EnergySource.HEAT_PUMP).build();
    }

    private static StudentStatusEvent status(String schoolId, String eventId, String studentRef) {
        return StudentStatusEvent.newBuilder().setEventId(eventId).setSchoolId(schoolId).setStudentRef(studentRef)
                .setGrade(5).setDate(LocalDate.now(RecordRules.ZONE).minusDays(1))
                .setStatus(StudentStatus.ABSENT_EXCUSED).setLeftBehind(false)
                .setRecordedAt(Instant.now().minusSeconds(60)).build();
    }
}
