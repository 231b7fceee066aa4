package org.ruraledu.streams.dropout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;

/**
 * The eventIds of the events a {@link PupilHistory} has folded into its snapshot, so that a school resending one
 * of them is seen retrying (nothing changes) instead of being refused as too late.
 *
 * <p>Kept compactly, because every pupil's history carries it: a 64-bit hash per id (the first 8 bytes of its
 * SHA-256), packed into one base64 string, most recently folded last, and at most {@link #KEPT} of them (about half
 * a school year of daily records beyond the late-event window: 1 KiB). Older ids are forgotten; a retry that late
 * is refused as TOO_LATE, as any event behind the snapshot. The ids are looked up only for events dated within
 * the snapshot, so a hash collision can at worst turn such a refusal into a silent retry, never drop an event
 * that could still change a case.
 *
 * @param packed the hashes, 8 bytes each, base64; empty when none
 */
public record PrunedEventIds(String packed) {
    static final int KEPT = 128;
    static final PrunedEventIds NONE = new PrunedEventIds("");

    public PrunedEventIds {
        packed = packed == null ? "" : packed;
    }

    boolean contains(String eventId) {
        long wanted = hash(eventId);
        ByteBuffer hashes = ByteBuffer.wrap(Base64.getDecoder().decode(packed));
        while (hashes.hasRemaining()) {
            if (hashes.getLong() == wanted) {
                return true;
            }
        }
        return false;
    }

    /** These ids added after the ones kept, the oldest dropped beyond {@link #KEPT}. */
    PrunedEventIds plus(Collection<String> eventIds) {
        byte[] old = Base64.getDecoder().decode(packed);
        int total = old.length / Long.BYTES + eventIds.size();
        int dropped = Math.max(0, total - KEPT);
        ByteBuffer kept = ByteBuffer.allocate((total - dropped) * Long.BYTES);
        ByteBuffer all = ByteBuffer.allocate(total * Long.BYTES).put(old);
        eventIds.forEach(id -> all.putLong(hash(id)));
        kept.put(all.array(), dropped * Long.BYTES, kept.capacity());
        return new PrunedEventIds(Base64.getEncoder().encodeToString(kept.array()));
    }

    int size() {
        return Base64.getDecoder().decode(packed).length / Long.BYTES;
    }

    private static long hash(String eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
