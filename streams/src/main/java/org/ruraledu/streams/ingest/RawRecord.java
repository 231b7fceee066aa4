package org.ruraledu.streams.ingest;

/** The input record exactly as received and where it came from, kept until ingest has accepted it. */
record RawRecord(byte[] key, byte[] value, String topic, int partition, long offset) {}
