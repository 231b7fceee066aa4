package org.ruraledu.producers.client;

import org.apache.kafka.common.KafkaException;

/** Kafka did not acknowledge one or more records; the message says how many and why. */
public final class KafkaSendException extends KafkaException {
    private final int failed;

    public KafkaSendException(int failed, int attempted, Throwable firstCause) {
        super(failed + " of " + attempted + " records were not acknowledged by Kafka; first error: "
                + describeCause(firstCause), firstCause);
        this.failed = failed;
    }

    public int failed() {
        return failed;
    }

    /** The innermost meaningful cause, as {@code Type: message}. */
    public static String describeCause(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof java.util.concurrent.ExecutionException
                        || root instanceof java.util.concurrent.CompletionException
                        || root.getClass() == org.apache.kafka.common.KafkaException.class)) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
