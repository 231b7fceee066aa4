package org.ruraledu.streams.ingest;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.topics.Topics;

/**
 * One school's entry in the registry: its profile, or why the bytes under its key are not a usable profile.
 *
 * <p>The registry is a GlobalKTable, whose thread dies on a deserialization error and which cannot send dead
 * letters. So its serde never throws: garbage under a school's key becomes an entry with a {@link #problem()},
 * and reports of that school are dead-lettered as {@link RejectionCode#UNKNOWN_SCHOOL} naming the problem.
 * The serde writes back the original bytes, so the store holds exactly what the topic holds whether it was
 * filled by processing or by restoring raw bytes.
 */
public record RegistryEntry(byte[] raw, SchoolProfile profile, String problem) {

    public boolean usable() {
        return profile != null;
    }

    /** A serde for the registry's values that checks the same rules as the gateway and never throws. */
    public static Serde<RegistryEntry> serde(RecordRules rules) {
        Deserializer<SchoolProfile> avro = Topics.SCHOOL_REGISTRY.valueSerde().deserializer();
        Deserializer<RegistryEntry> tolerant = (topic, bytes) -> bytes == null ? null : read(topic, bytes, avro, rules);
        return Serdes.serdeFrom((topic, entry) -> entry == null ? null : entry.raw(), tolerant);
    }

    private static RegistryEntry read(String topic, byte[] bytes, Deserializer<SchoolProfile> avro, RecordRules rules) {
        SchoolProfile profile;
        try {
            profile = avro.deserialize(topic, bytes);
        } catch (SerializationException e) {
            return new RegistryEntry(bytes, null, e.getMessage());
        }
        List<FieldError> errors = rules.check(profile);
        if (!errors.isEmpty()) {
            return new RegistryEntry(bytes, null,
                    errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }
        return new RegistryEntry(bytes, profile, null);
    }
}
