package org.ruraledu.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import org.ruraledu.contract.Json;

/**
 * The serde of state that never leaves the streams application (stores, their changelogs, repartition topics):
 * the same objects as {@link JsonSerde}, in CBOR (RFC 8949, binary JSON: numbers as numbers, no quoting, no
 * escaping), which is smaller and cheaper to write and read. JSON stays on the public topics.
 *
 * <p>State written as JSON by an earlier version is still read: a JSON object starts with '{', which no CBOR
 * object does (a CBOR map starts with a byte of 0xA0 to 0xBF), so a store restored from an old changelog needs no
 * migration.
 */
public final class StateSerde<T> extends JacksonSerde<T> {
    private static final ObjectMapper CBOR = Json.MAPPER.copyWith(new CBORFactory());

    public StateSerde(Class<T> type) {
        super(CBOR, "CBOR", type);
    }

    @Override
    ObjectMapper readerOf(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == '{' ? Json.MAPPER : CBOR;
    }
}
