package org.ruraledu.streams.kpi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Compact binary formats of the rollup's internal records (repartition topics, stores and their changelogs),
 * written on every figure change: a format byte, then varints and length-prefixed UTF-8 names. JSON stays on the
 * public topics only. A new format gets a new format byte; readers refuse one they do not know.
 */
final class RollupSerdes {
    private static final byte CONTRIBUTION = 1;
    private static final byte TALLY = 1;
    private static final byte MEMBERSHIP = 1;

    private RollupSerdes() {}

    static final Serde<Contribution> CONTRIBUTIONS = serde(CONTRIBUTION, (c, out) -> {
        out.counts(c.delta());
        out.varlong(c.schools());
        out.varlong(c.citySchools());
        out.bool(c.forgets());
    }, in -> new Contribution(in.counts(), in.varlong(), in.varlong(), in.bool()));

    static final Serde<Tally> TALLIES = serde(TALLY, (t, out) -> {
        out.counts(t.totals());
        out.varlong(t.schools());
        out.varlong(t.citySchools());
    }, in -> new Tally(in.counts(), in.varlong(), in.varlong()));

    static final Serde<SchoolCells.CellMembership> MEMBERSHIPS = serde(MEMBERSHIP, (m, out) -> {
        out.varlong(m.figures().size());
        m.figures().forEach((district, n) -> {
            out.text(district);
            out.varlong(n);
        });
    }, in -> {
        TreeMap<String, Long> figures = new TreeMap<>();
        for (long i = in.varlong(); i > 0; i--) {
            figures.put(in.text(), in.varlong());
        }
        return new SchoolCells.CellMembership(figures);
    });

    private static <T> Serde<T> serde(byte format, BiConsumer<T, Writer> write, Function<Reader, T> read) {
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
            Reader in = new Reader(ByteBuffer.wrap(data));
            byte found = in.buffer.get();
            if (found != format) {
                throw new IllegalStateException("unknown rollup record format " + found + " (expected " + format + ")");
            }
            return read.apply(in);
        });
    }

    static final class Writer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);

        void varlong(long value) {
            long v = (value << 1) ^ (value >> 63); // zig-zag: small negatives stay short
            while ((v & ~0x7FL) != 0) {
                bytes.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            bytes.write((int) v);
        }

        void bool(boolean value) {
            bytes.write(value ? 1 : 0);
        }

        void text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varlong(utf8.length);
            bytes.writeBytes(utf8);
        }

        void counts(Counts counts) {
            SortedMap<String, Long> values = counts.values();
            varlong(values.size());
            for (Map.Entry<String, Long> counter : values.entrySet()) {
                text(counter.getKey());
                varlong(counter.getValue());
            }
        }
    }

    static final class Reader {
        final ByteBuffer buffer;

        Reader(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        long varlong() {
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

        boolean bool() {
            return buffer.get() != 0;
        }

        String text() {
            int length = (int) varlong();
            String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                    StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return value;
        }

        Counts counts() {
            SortedMap<String, Long> values = new TreeMap<>();
            for (long i = varlong(); i > 0; i--) {
                values.put(text(), varlong());
            }
            return new Counts(values);
        }
    }
}
