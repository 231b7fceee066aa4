package org.ruraledu.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (magic {@code C3 01} + the writer schema's 64-bit CRC fingerprint + the binary
 * body), so that every record says which schema wrote it without a schema registry. It reads every released
 * version of the schema and the current one; an unknown fingerprint fails with an error that names it.
 */
public final class AvroSerde<T extends SpecificRecordBase> implements Serde<T> {
    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final String knownFingerprints;

    static {
        AvroTrust.ensureInstalled();
    }

    public AvroSerde(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, current);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        List<Schema> released = ReleasedSchemas.of(current.getName());
        released.forEach(decoder::addSchema);
        StringBuilder known = new StringBuilder(fingerprint(current));
        released.forEach(s -> known.append(", ").append(fingerprint(s)));
        this.knownFingerprints = known.toString();
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes one record; the exception message says precisely why the bytes are not a readable record. */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new SerializationException("no value: a " + type.getSimpleName() + " was expected");
        }
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new SerializationException("unknown writer schema fingerprint " + fingerprintOf(bytes) + " for "
                    + type.getSimpleName() + " (known: " + knownFingerprints + ")", e);
        } catch (BadHeaderException e) {
            throw new SerializationException("not Avro single-object encoding: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static String fingerprint(Schema schema) {
        return String.format("0x%016x", SchemaNormalization.parsingFingerprint64(schema));
    }

    /** The fingerprint as written in the header: little-endian after the two magic bytes. */
    private static String fingerprintOf(byte[] bytes) {
        if (bytes.length < 10) {
            return "(truncated header)";
        }
        long fp = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return String.format("0x%016x", fp);
    }
}
