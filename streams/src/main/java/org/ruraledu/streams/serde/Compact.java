package org.ruraledu.streams.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Hand-sized binary formats for the internal records written on every input record (repartition topics, stores
 * and their changelogs): a format byte, then zig-zag varints, length-prefixed UTF-8 texts and days as epoch-day
 * varints, no field names. A changed layout gets a new format byte; a reader refuses a byte it does not know, so
 * state is never misread. JSON stays on the public topics; rarer internal state is CBOR
 * ({@link org.ruraledu.serde.StateSerde}).
 */
public final class Compact {
    private Compact() {}

    public static <T> Serde<T> serde(byte format, BiConsumer<T, Writer> write, Function<Reader, T> read) {
        return serde(format, write, read, null);
    }

    /**
     * A layout that replaced an earlier one: values are written as {@code format}, and a value still in the
     * earlier format {@code older} (a store or changelog written by an earlier version) is read with
     * {@code readOlder}, so an upgrade needs no migration of the store.
     */
    public static <T> Serde<T> serde(byte format, BiConsumer<T, Writer> write, Function<Reader, T> read, byte older,
            Function<Reader, T> readOlder) {
        return build(format, write, in -> in.format == older ? readOlder.apply(in) : read.apply(in), older, null);
    }

    /**
     * A layout extended more than once: values are written as {@code format}, and values of every format from
     * {@code oldest} on are read with {@code read}, which asks {@link Reader#format()} what a value holds.
     */
    public static <T> Serde<T> serdeSince(byte oldest, byte format, BiConsumer<T, Writer> write,
            Function<Reader, T> read) {
        return build(format, write, read, oldest, null);
    }

    /**
     * For state that an earlier version kept as JSON: such a value (it starts with '{', which is no format byte)
     * is still read, as {@code legacyJson}, so an upgrade needs no migration of the store.
     */
    public static <T> Serde<T> serde(byte format, BiConsumer<T, Writer> write, Function<Reader, T> read,
            Class<T> legacyJson) {
        return build(format, write, read, format, legacyJson);
    }

    /** Reads {@code older} to {@code format} (the same byte when there is no older one) with {@code read}. */
    private static <T> Serde<T> build(byte format, BiConsumer<T, Writer> write, Function<Reader, T> read, byte older,
            Class<T> legacyJson) {
        org.ruraledu.serde.JsonSerde<T> json = legacyJson == null ? null : new org.ruraledu.serde.JsonSerde<>(legacyJson);
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            Writer out = new Writer();
            out.bytes.write(format);
            write.accept(value, out);
            return out.bytes.toByteArray();
        }, (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (json != null && data.length > 0 && data[0] == '{') {
                return json.deserializer().deserialize(topic, data);
            }
            Reader in = new Reader(ByteBuffer.wrap(data));
            in.format = in.buffer.get();
            if (in.format > format || in.format < older) {
                throw new IllegalStateException("unknown record format " + in.format + " (expected " + format + ")");
            }
            return read.apply(in);
        });
    }

    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);

        public void varlong(long value) {
            long v = (value << 1) ^ (value >> 63); // zig-zag: small negatives stay short
            while ((v & ~0x7FL) != 0) {
                bytes.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            bytes.write((int) v);
        }

        public void bool(boolean value) {
            bytes.write(value ? 1 : 0);
        }

        public void text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varlong(utf8.length);
            bytes.writeBytes(utf8);
        }

        /** A text that may be null. */
        public void optionalText(String value) {
            bool(value != null);
            if (value != null) {
                text(value);
            }
        }

        /** A day that may be null. */
        public void day(LocalDate day) {
            bool(day != null);
            if (day != null) {
                varlong(day.toEpochDay());
            }
        }
    }

    public static final class Reader {
        private final ByteBuffer buffer;
        /** The format byte of the value being read. */
        private byte format;

        Reader(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        /** The format byte the value was written in. */
        public byte format() {
            return format;
        }

        public long varlong() {
            long v = 0;
            int shift = 0;
            byte b;
            do {
                b = buffer.get();
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return (v >>> 1) ^ -(v & 1);
        }

        public boolean bool() {
            return buffer.get() != 0;
        }

        public String text() {
            int length = (int) varlong();
            String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                    StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return value;
        }

        public String optionalText() {
            return bool() ? text() : null;
        }

        public LocalDate day() {
            return bool() ? LocalDate.ofEpochDay(varlong()) : null;
        }
    }
}
