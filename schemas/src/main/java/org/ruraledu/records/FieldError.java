package org.ruraledu.records;

/** One problem with one input record: which record of a batch, which field, and what is wrong. */
public record FieldError(int index, String field, String message) {
    public FieldError withIndex(int newIndex) {
        return new FieldError(newIndex, field, message);
    }

    @Override
    public String toString() {
        return (field == null ? "" : field + ": ") + message;
    }
}
