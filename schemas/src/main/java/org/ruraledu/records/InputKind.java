package org.ruraledu.records;

import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.Topics;

/** The kinds of input a school system sends, as named in the gateway's routes and the CLI's {@code --kind}. */
public enum InputKind {
    SCHOOL_REGISTRY("school-registry", Topics.SCHOOL_REGISTRY, SchoolProfile.class, "schoolId"),
    ENROLLMENT("enrollment", Topics.ENROLLMENT, EnrollmentReport.class, "reportId"),
    STUDENT_STATUS("student-status", Topics.STUDENT_STATUS, StudentStatusEvent.class, "eventId"),
    CARE_REPORTS("care-reports", Topics.CARE_REPORTS, CareReport.class, "reportId"),
    MEAL_REPORTS("meal-reports", Topics.MEAL_REPORTS, MealReport.class, "reportId"),
    CLIMATE_READINGS("climate-readings", Topics.CLIMATE_READINGS, ClimateReading.class, "readingId");

    static {
        org.ruraledu.serde.AvroTrust.ensureInstalled();
    }

    private final String path;
    private final Topic<String, ? extends SpecificRecordBase> topic;
    private final Class<? extends SpecificRecordBase> recordClass;
    private final String idField;

    InputKind(String path, Topic<String, ? extends SpecificRecordBase> topic,
            Class<? extends SpecificRecordBase> recordClass, String idField) {
        this.path = path;
        this.topic = topic;
        this.recordClass = recordClass;
        this.idField = idField;
    }

    /** Name in URLs and on the command line, e.g. {@code meal-reports}. */
    public String path() {
        return path;
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecordBase> Topic<String, T> topic() {
        return (Topic<String, T>) topic;
    }

    public Class<? extends SpecificRecordBase> recordClass() {
        return recordClass;
    }

    /** The field that makes a retry recognisable: reportId, eventId, readingId (schoolId for the registry). */
    public String idField() {
        return idField;
    }

    public String idOf(SpecificRecordBase record) {
        return String.valueOf(record.get(idField));
    }

    /** Every input record is keyed by its school. */
    public static String schoolIdOf(SpecificRecordBase record) {
        return String.valueOf(record.get("schoolId"));
    }

    public static Optional<InputKind> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    public static InputKind forRecord(SpecificRecordBase record) {
        return Arrays.stream(values()).filter(k -> k.recordClass.isInstance(record)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an input record: " + record.getClass()));
    }
}
