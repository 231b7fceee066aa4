package org.ruraledu.streams.ingest;

/** Why ingest turned a record away; the value of the dead letter's {@code ruraledu.dlq.error} header. */
public enum RejectionCode {
    /** The bytes are not a record of the topic's schema (garbage, unknown writer schema, no value). */
    DECODE,
    /** Decoded, but a domain rule is broken (negative count, served > needing, a date in the future, ...). */
    VALIDATION,
    /**
     * Rejected (for whatever reason the dead letter's reason gives: a rule, undecodable bytes, a wrong key) and
     * holding what looks like a raw student or ID card number, in a field, anywhere in its bytes or in its key.
     * The dead letter withholds the value (and a key holding one): see {@link DeadLetterWriter}.
     */
    RAW_IDENTIFIER,
    /** The record key is not the record's schoolId, so partitioning by school would be wrong. */
    KEY_MISMATCH,
    /** The school is not in the registry, or its registry entry is unreadable. */
    UNKNOWN_SCHOOL,
    /** The school is registered but closed or merged ({@code active = false}). */
    INACTIVE_SCHOOL,
    /**
     * Accepted by ingest, but dated too far back for the domain to place it: a dropout-control event more than
     * {@code dropout.late.event.window.days} behind the pupil's newest event.
     */
    TOO_LATE,
    /**
     * Accepted by ingest, but dated before the retention horizon ({@code retention.days} back from today): the
     * state that would tell whether it is a retry is no longer kept (see {@link org.ruraledu.streams.Retention}).
     */
    TOO_OLD
}
