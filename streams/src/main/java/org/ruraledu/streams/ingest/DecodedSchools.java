package org.ruraledu.streams.ingest;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry entries a registry store's serde decoded lately, keyed by the stored bytes' content. A key-value
 * store hands back bytes on every read, and the registry is read once per input record (admission, standing
 * figures), while a school's entry changes a few times a year: decoding the Avro profile and checking the rules
 * again on each read was the cost of one school registry update paid per report. Same bytes, same entry: decoding
 * is deterministic, and the registry rules do not depend on the clock.
 *
 * <p>Bounded by {@link #CAPACITY} entries, the least recently read leaving first: one per school and version for
 * a city's schools (Weihai has a few hundred) with room to spare, about 1 KB each. Past it nothing is wrong, an
 * entry is only decoded again. Thread-safe: one serde serves the registry stores of every task of the instance,
 * so every stream thread; decoding runs outside the lock.
 *
 * <p>Entries are shared, so no reader may change them; nothing does ({@link RegisteredSchool} and its profile are
 * only read downstream).
 */
final class DecodedSchools {
    static final int CAPACITY = 4096;

    private final Map<ByteBuffer, RegisteredSchool> recent;

    DecodedSchools(int capacity) {
        this.recent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, RegisteredSchool> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The entry these bytes hold: decoded once, then as decoded then. */
    RegisteredSchool get(byte[] stored, Function<byte[], RegisteredSchool> decode) {
        ByteBuffer key = ByteBuffer.wrap(stored);
        synchronized (recent) {
            RegisteredSchool known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        RegisteredSchool decoded = decode.apply(stored);
        synchronized (recent) {
            recent.put(ByteBuffer.wrap(stored.clone()), decoded); // a copy: the caller owns its array
        }
        return decoded;
    }

    int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}
