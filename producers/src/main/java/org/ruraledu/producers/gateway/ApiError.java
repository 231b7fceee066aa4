package org.ruraledu.producers.gateway;

import org.ruraledu.records.FieldError;
import org.ruraledu.records.StudentRefs;

/**
 * One entry of a 400 body: which record of the request ({@code index} in the array, 0 for a single object;
 * null when the problem is the request as a whole, like its path or unreadable JSON), which field, and what is
 * wrong. Redacted like {@link FieldError}: a request-level message quotes input too (the JSON parser's token).
 */
record ApiError(Integer index, String field, String message) {
    ApiError {
        field = StudentRefs.redact(field);
        message = StudentRefs.redact(message);
    }

    static ApiError of(FieldError error) {
        return new ApiError(error.index(), error.field(), error.message());
    }

    static ApiError ofRequest(String field, String message) {
        return new ApiError(null, field, message);
    }
}
