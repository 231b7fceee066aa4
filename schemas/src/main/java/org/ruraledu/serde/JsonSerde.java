package org.ruraledu.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ruraledu.contract.Json;

/** JSON serde for the output records (the public topics). */
public final class JsonSerde<T> extends JacksonSerde<T> {

    public JsonSerde(Class<T> type) {
        super(Json.MAPPER, "JSON", type);
    }

    @Override
    ObjectMapper readerOf(byte[] bytes) {
        return Json.MAPPER;
    }
}
