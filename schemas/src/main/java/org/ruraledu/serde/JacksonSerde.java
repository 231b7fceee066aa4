package org.ruraledu.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A serde of one type through a Jackson mapper: the shared part of {@link JsonSerde} and {@link StateSerde}. */
abstract class JacksonSerde<T> implements Serde<T> {
    private final ObjectMapper writer;
    private final String format;
    final Class<T> type;

    JacksonSerde(ObjectMapper writer, String format, Class<T> type) {
        this.writer = writer;
        this.format = format;
        this.type = type;
    }

    /** The mapper that reads {@code bytes} (a format may read what an earlier one wrote). */
    abstract ObjectMapper readerOf(byte[] bytes);

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " as " + format, e);
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
                return readerOf(bytes).readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from " + format + ": "
                        + e.getMessage(), e);
            }
        };
    }
}
