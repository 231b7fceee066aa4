package org.ruraledu.producers.client;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import org.ruraledu.contract.Json;

/**
 * Reading input JSON: duplicate keys and trailing garbage make a record ambiguous, so they are refused. The
 * literals {@code NaN} and {@code Infinity}, which JSON lacks but sensor software writes, are read as numbers only
 * so that the record's conversion can refuse them naming their field ({@code temperatureC: must be a finite
 * number}) instead of a syntax error at a column.
 */
public final class StrictJson {
    public static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The same strictness for a parser of a stream of records. */
    public static JsonParser strict(JsonParser parser) {
        return parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    }

    private StrictJson() {}

    /** "invalid JSON: {what} (line L, column C)" without Jackson's excerpt of the source. */
    public static String describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return "invalid JSON: " + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " ")
                + (location == null || location.getLineNr() < 0 ? ""
                        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
    }
}
