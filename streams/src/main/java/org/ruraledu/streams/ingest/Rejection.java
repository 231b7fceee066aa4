package org.ruraledu.streams.ingest;

/** What is wrong with one input record: a class of error, the offending field (or null) and a readable reason. */
public record Rejection(RejectionCode code, String field, String reason) {}
