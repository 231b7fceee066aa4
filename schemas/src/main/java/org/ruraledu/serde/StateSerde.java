package org.ruraledu.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.ruraledu.contract.Json;

/**
 * The serde of state that never leaves the streams application (stores, their changelogs, repartition topics):
 * the same objects as {@link JsonSerde}, in CBOR (RFC 8949, binary JSON: numbers as numbers, no quoting, no
 * escaping), which is smaller and cheaper to write and read on the hot path. JSON stays on the public topics.
 *
 * <p>State written as JSON by an earlier version is still read: a JSON object starts with '{', which no CBOR
 * object does (a CBOR map starts with a byte of 0xA0 to 0xBF), so a store restored from an old changelog needs no
 * migration.
 */
public final class StateSerde<T> implements Serde<T> {
    private static final ObjectMapper CBOR = Json.MAPPER.copyWith(new CBORFactory());

    private final Class<T> type;

    public StateSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return CBOR.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " as CBOR", e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return bytes.length > 0 && bytes[0] == '{' ? Json.MAPPER.readValue(bytes, type)
                        : CBOR.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }
}
