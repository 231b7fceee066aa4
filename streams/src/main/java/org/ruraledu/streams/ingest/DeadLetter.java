package org.ruraledu.streams.ingest;

/** An input record turned away, as received, and why: what {@code ruraledu.dead-letters.v1} keeps of it. */
public record DeadLetter(RawRecord received, Rejection rejection) {}
