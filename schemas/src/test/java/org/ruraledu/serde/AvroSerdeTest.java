package org.ruraledu.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;

class AvroSerdeTest {
    private final AvroSerde<MealReport> serde = new AvroSerde<>(MealReport.class);

    static MealReport meal() {
        return MealReport.newBuilder().setReportId("r-1").setSchoolId("S001").setDate(LocalDate.of(2026, 11, 27))
                .setNeeding(120).setServed(118).setProvision(MealProvision.CANTEEN).setFoodSafetyIncidents(0).build();
    }

    @Test
    void roundTripsWithTheSingleObjectHeader() {
        byte[] bytes = serde.encode(meal());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.decode(bytes)).isEqualTo(meal());
    }

    @Test
    void decodesRecordsWrittenWithTheReleasedV1Schema() throws Exception {
        Schema v1 = ReleasedSchemas.of("MealReport").get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("reportId", "r-9");
        old.put("schoolId", "S009");
        old.put("date", (int) LocalDate.of(2026, 1, 5).toEpochDay());
        old.put("needing", 10);
        old.put("served", 9);
        old.put("provision", new GenericData.EnumSymbol(v1.getField("provision").schema(), "MIXED"));
        old.put("foodSafetyIncidents", 1);
        var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        MealReport decoded = serde.decode(bytes);
        assertThat(decoded.getDate()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(decoded.getProvision()).isEqualTo(MealProvision.MIXED);
    }

    @Test
    void anUnknownWriterSchemaIsRejectedNamingItsFingerprint() throws Exception {
        Schema stranger = SchemaBuilder.record("MealReport").namespace("elsewhere").fields()
                .requiredString("something").endRecord();
        GenericRecord record = new GenericData.Record(stranger);
        record.put("something", "x");
        var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        String fingerprint = String.format("0x%016x",
                org.apache.avro.SchemaNormalization.parsingFingerprint64(stranger));

        assertThatThrownBy(() -> serde.decode(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown writer schema fingerprint " + fingerprint)
                .hasMessageContaining("MealReport");
    }

    @Test
    void garbageIsRejectedWithAClearError() {
        assertThatThrownBy(() -> serde.decode("not avro at all".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not Avro single-object encoding");
    }
}
