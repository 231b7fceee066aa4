package org.ruraledu.streams.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.SchoolProfile;

/**
 * What the registry store knows of one school: its latest registry entry and, while it is inactive (closed or
 * merged), the day it became so ({@code inactiveSince}, Asia/Shanghai, from the timestamp of the registry record
 * that first made it inactive, on the pipeline's clock; kept while the school stays inactive, cleared when it is
 * active again).
 */
public record RegisteredSchool(RegistryEntry entry, LocalDate inactiveSince) {
    private static final byte FORMAT = 1;
    /** An unusable entry: only why it is unusable is kept (its bytes may hold a raw student number). */
    private static final byte FORMAT_PROBLEM = 2;
    private static final int NO_DAY = Integer.MIN_VALUE;

    public boolean usable() {
        return entry.usable();
    }

    public SchoolProfile profile() {
        return entry.profile();
    }

    /** Usable and active: counts in every figure (an unusable entry counts as inactive). */
    public boolean active() {
        return entry.usable() && entry.profile().getActive();
    }

    /** The district of a usable entry, else null. */
    public String district() {
        return entry.usable() ? entry.profile().getDistrict() : null;
    }

    /** Same bytes (or the same problem) and same day: a registry record sent again changes nothing. */
    boolean sameAs(RegisteredSchool other) {
        return other != null && Arrays.equals(entry.raw(), other.entry.raw())
                && java.util.Objects.equals(entry.problem(), other.entry.problem())
                && java.util.Objects.equals(inactiveSince, other.inactiveSince);
    }

    /** What the store keeps of an unusable entry: its problem, never its bytes. */
    static RegistryEntry withheld(RegistryEntry unusable) {
        return new RegistryEntry(new byte[0], null, org.ruraledu.records.StudentRefs.redact(unusable.problem()));
    }

    /**
     * Store format, also of the registry copies' internal topics ({@link DomainRegistry}): one format byte, the day
     * as a 4-byte epoch day ({@link #NO_DAY} if none), then the registry record's bytes exactly as received
     * (decoded and checked again on read, like the topic itself), or, for an unusable entry
     * ({@link #FORMAT_PROBLEM}), the problem's text: the bytes stay on the dead-letter topic. Reads of bytes seen
     * lately are served decoded ({@link DecodedSchools}): give every registry store and topic the same serde.
     */
    static Serde<RegisteredSchool> serde(RecordRules rules) {
        Deserializer<RegistryEntry> entries = RegistryEntry.serde(rules).deserializer();
        DecodedSchools decoded = new DecodedSchools(DecodedSchools.CAPACITY);
        return Serdes.serdeFrom((topic, school) -> school == null ? null : bytes(school),
                (topic, bytes) -> bytes == null ? null : decoded.get(bytes, stored -> read(topic, stored, entries)));
    }

    private static byte[] bytes(RegisteredSchool school) {
        boolean usable = school.entry().usable();
        byte[] raw = usable ? school.entry().raw() : school.entry().problem().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + raw.length).put(usable ? FORMAT : FORMAT_PROBLEM)
                .putInt(school.inactiveSince() == null ? NO_DAY : (int) school.inactiveSince().toEpochDay())
                .put(raw).array();
    }

    private static RegisteredSchool read(String topic, byte[] bytes, Deserializer<RegistryEntry> entries) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.get();
        if (format != FORMAT && format != FORMAT_PROBLEM) {
            throw new IllegalStateException("unknown format of a school registry store entry");
        }
        int day = buffer.getInt();
        byte[] rest = Arrays.copyOfRange(bytes, 5, bytes.length);
        RegistryEntry entry = format == FORMAT ? entries.deserialize(topic, rest)
                : new RegistryEntry(new byte[0], null, new String(rest, StandardCharsets.UTF_8));
        return new RegisteredSchool(entry, day == NO_DAY ? null : LocalDate.ofEpochDay(day));
    }

    /** The entry a registry record makes of {@code before}: the inactive day starts when the school first closes. */
    static RegisteredSchool next(RegisteredSchool before, RegistryEntry entry, long recordTimestamp) {
        boolean inactive = !entry.usable() || !entry.profile().getActive();
        if (!inactive) {
            return new RegisteredSchool(entry, null);
        }
        LocalDate since = before != null && before.inactiveSince() != null ? before.inactiveSince()
                : LocalDate.ofInstant(java.time.Instant.ofEpochMilli(recordTimestamp), RecordRules.ZONE);
        return new RegisteredSchool(entry, since);
    }
}
