package org.ruraledu.streams.ingest;

/**
 * The input record exactly as received and where it came from. Ingest keeps it with every record it accepts, so
 * that a domain that must still turn a record away later (see {@link Ingest#deadLetter}) can dead-letter the
 * bytes unchanged.
 */
public record RawRecord(byte[] key, byte[] value, String topic, int partition, long offset) {}
