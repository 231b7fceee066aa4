package org.ruraledu.topics;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Kpi;
import org.ruraledu.serde.AvroSerde;
import org.ruraledu.serde.JsonSerde;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.schemas.StudentStatusEvent;

/** The registry of the contract's topics. Names are public contract: never rename, add a {@code .v2} beside. */
public final class Topics {
    static {
        org.ruraledu.serde.AvroTrust.ensureInstalled();
    }

    public static final Topic<String, SchoolProfile> SCHOOL_REGISTRY = new Topic<>(
            "ruraledu.school-registry.v1", Serdes.String(), new AvroSerde<>(SchoolProfile.class), true);
    public static final Topic<String, EnrollmentReport> ENROLLMENT = new Topic<>(
            "ruraledu.enrollment.v1", Serdes.String(), new AvroSerde<>(EnrollmentReport.class), false);
    public static final Topic<String, StudentStatusEvent> STUDENT_STATUS = new Topic<>(
            "ruraledu.student-status.v1", Serdes.String(), new AvroSerde<>(StudentStatusEvent.class), false);
    public static final Topic<String, CareReport> CARE_REPORTS = new Topic<>(
            "ruraledu.care-reports.v1", Serdes.String(), new AvroSerde<>(CareReport.class), false);
    public static final Topic<String, MealReport> MEAL_REPORTS = new Topic<>(
            "ruraledu.meal-reports.v1", Serdes.String(), new AvroSerde<>(MealReport.class), false);
    public static final Topic<String, ClimateReading> CLIMATE_READINGS = new Topic<>(
            "ruraledu.climate-readings.v1", Serdes.String(), new AvroSerde<>(ClimateReading.class), false);

    public static final Topic<String, Kpi> KPIS = new Topic<>(
            "ruraledu.kpi.v1", Serdes.String(), new JsonSerde<>(Kpi.class), true);
    public static final Topic<String, Alert> ALERTS = new Topic<>(
            "ruraledu.alerts.v1", Serdes.String(), new JsonSerde<>(Alert.class), false);
    /** Input bytes exactly as received (key and value), with {@link DeadLetterHeaders} saying why. */
    public static final Topic<byte[], byte[]> DEAD_LETTERS = new Topic<>(
            "ruraledu.dead-letters.v1", Serdes.ByteArray(), Serdes.ByteArray(), false);

    private Topics() {}

    public static List<Topic<?, ?>> inputs() {
        return List.of(SCHOOL_REGISTRY, ENROLLMENT, STUDENT_STATUS, CARE_REPORTS, MEAL_REPORTS, CLIMATE_READINGS);
    }

    public static List<Topic<?, ?>> all() {
        return List.of(SCHOOL_REGISTRY, ENROLLMENT, STUDENT_STATUS, CARE_REPORTS, MEAL_REPORTS, CLIMATE_READINGS,
                KPIS, ALERTS, DEAD_LETTERS);
    }
}
