package org.ruraledu.streams.query;

/** A query parameter the API cannot use; answered with 400 and the message. */
final class BadQueryException extends RuntimeException {
    BadQueryException(String message) {
        super(message);
    }
}
