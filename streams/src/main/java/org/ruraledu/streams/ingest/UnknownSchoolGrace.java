package org.ruraledu.streams.ingest;

import java.time.Duration;
import java.time.Instant;
import org.ruraledu.config.Settings;

/**
 * How long ingest holds a record whose school is not (yet) in the registry before dead-lettering it as
 * {@link RejectionCode#UNKNOWN_SCHOOL}, and how often held records are looked at again. The registry is another
 * topic, written by another producer, and each domain reads a copy of it that follows it by a commit of the
 * registry's task ({@link DomainRegistry}), so a school's first reports can arrive before its registration is seen.
 *
 * @param grace         how long a record may wait for its school; zero dead-letters at once
 * @param checkInterval wall-clock interval at which waiting records are released or dead-lettered
 */
public record UnknownSchoolGrace(Duration grace, Duration checkInterval) {
    public static final String GRACE = "ingest.unknown.school.grace";
    public static final String CHECK_INTERVAL = "ingest.unknown.school.check.interval";

    public UnknownSchoolGrace {
        if (grace.isNegative()) {
            throw new IllegalArgumentException(GRACE + " must not be negative, got " + grace);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException(CHECK_INTERVAL + " must be positive, got " + checkInterval);
        }
    }

    public static UnknownSchoolGrace from(Settings settings) {
        return new UnknownSchoolGrace(settings.getDuration(GRACE), settings.getDuration(CHECK_INTERVAL));
    }

    /** Whether a record of an unknown school waits at all (grace {@code PT0S}: dead-lettered at once). */
    boolean waits() {
        return !grace.isZero();
    }

    /** Whether a record that began waiting at {@code since} has waited out the grace period by {@code now}. */
    boolean over(Instant since, Instant now) {
        return !now.isBefore(since.plus(grace));
    }
}
