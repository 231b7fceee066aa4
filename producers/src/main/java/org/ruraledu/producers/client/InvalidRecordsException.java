package org.ruraledu.producers.client;

import java.util.List;
import java.util.stream.Collectors;
import org.ruraledu.records.FieldError;

/** Records that break the contract; nothing of them was sent. Each error names its record and field. */
public final class InvalidRecordsException extends IllegalArgumentException {
    private final transient List<FieldError> errors;

    public InvalidRecordsException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return "invalid record" + (errors.size() == 1 ? "" : "s") + ", nothing was sent: " + errors.stream()
                .map(e -> "record " + e.index() + ": " + e)
                .collect(Collectors.joining("; "));
    }
}
