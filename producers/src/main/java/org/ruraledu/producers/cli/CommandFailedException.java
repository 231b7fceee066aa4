package org.ruraledu.producers.cli;

/** A command could not do its job for a reason the user can act on; the message is that one-line reason. */
public final class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message) {
        super(message);
    }
}
