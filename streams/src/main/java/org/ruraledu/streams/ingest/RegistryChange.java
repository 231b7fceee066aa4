package org.ruraledu.streams.ingest;

/**
 * A school's registry entry changed ({@code before} null for a new school, {@code after} null when its entry was
 * deleted). Per-school state that depends on the registry (the standing figures of a school that moves district,
 * or closes) follows these changes in the school's own task, since the registry is co-partitioned with the input.
 */
public record RegistryChange(String schoolId, RegisteredSchool before, RegisteredSchool after) {}
