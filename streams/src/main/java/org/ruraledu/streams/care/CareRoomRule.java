package org.ruraledu.streams.care;

import java.util.Locale;
import org.ruraledu.config.Settings;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.ingest.RegisteredSchool;

/**
 * Which schools must run a care room (关爱室) for left-behind children, plan item 38: an active school of the kind
 * {@value #REQUIRED_FOR} names ({@code rural}: rural schools, the plan's subject; {@code all}: every school) that
 * has left-behind children registered. Whether it has is the caller's part: {@code registered > 0} in its report
 * of the month, or, where it has not reported, {@code leftBehindRegistered > 0} in its latest enrolment. The schools
 * it {@link #applies applies} to owe a care report every month (reporting completeness).
 */
public record CareRoomRule(boolean ruralOnly) {
    /** Setting: {@code rural} (default) or {@code all}. */
    static final String REQUIRED_FOR = "care.room.required.for";

    public static CareRoomRule from(Settings settings) {
        String value = settings.get(REQUIRED_FOR).trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "rural" -> new CareRoomRule(true);
            case "all" -> new CareRoomRule(false);
            default -> throw new IllegalArgumentException(REQUIRED_FOR + " must be 'rural' or 'all', got '"
                    + settings.get(REQUIRED_FOR) + "'");
        };
    }

    /** Whether a school with this profile must run a care room once it has left-behind children. */
    public boolean applies(SchoolProfile school) {
        return school.getActive() && (!ruralOnly || school.getRural());
    }

    /** The same for a school as the registry holds it now: unknown, unreadable or closed never must. */
    boolean applies(RegisteredSchool school) {
        return school != null && school.active() && applies(school.profile());
    }

    /** Must run a care room: the school is of the required kind and has {@code leftBehind} children (> 0). */
    boolean requires(SchoolProfile school, long leftBehind) {
        return leftBehind > 0 && applies(school);
    }
}
