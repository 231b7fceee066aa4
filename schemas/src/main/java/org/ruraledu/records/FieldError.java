package org.ruraledu.records;

/**
 * One problem with one input record: which record of a batch, which field, and what is wrong.
 *
 * <p>Field and message are redacted ({@link StudentRefs#redact}) when the error is made: messages quote input
 * (a value, an unknown field name, a parser's token), and errors travel to HTTP responses, terminals and
 * dead-letter headers, none of which may ever show a raw student number.
 */
public record FieldError(int index, String field, String message) {
    public FieldError {
        field = StudentRefs.redact(field);
        message = StudentRefs.redact(message);
    }

    public FieldError withIndex(int newIndex) {
        return new FieldError(newIndex, field, message);
    }

    @Override
    public String toString() {
        return (field == null ? "" : field + ": ") + message;
    }
}
