package org.ruraledu.producers.gateway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InactiveSchool;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.SchoolProfile;

/**
 * A school's latest entry in the registry as the gateway keeps it: its profile and since when it is inactive
 * (null while active): the day (Asia/Shanghai) of the Kafka timestamp of the registry record that made it
 * inactive. Or, for an entry that cannot be decoded or breaks the rules, only the {@code problem}: the streams
 * application refuses every report of such a school (UNKNOWN_SCHOOL), so the gateway does too.
 */
record Registration(SchoolProfile profile, LocalDate inactiveSince, String problem) {

    static Registration unreadable(String problem) {
        return new Registration(null, null, problem);
    }

    boolean readable() {
        return problem == null;
    }

    boolean active() {
        return readable() && inactiveSince == null;
    }

    /** Empty if the school may send {@code record}: always while active, as {@link InactiveSchool} says once not. */
    Optional<FieldError> refusal(SpecificRecordBase record) {
        return active() ? Optional.empty()
                : InactiveSchool.refusal(record, String.valueOf(profile.getSchoolId()), inactiveSince);
    }

    /**
     * The entry after {@code profile}, written at {@code timestamp}, follows {@code previous} (null if none). An
     * inactive profile sent again while the school is already inactive keeps the earlier day: restating the
     * closure does not move it, or reports of the days in between would be refused. The compacted topic keeps
     * only the latest profile, so after compaction a restarted gateway knows the day of that one (the streams
     * application reads the same topic, so it sees the same day).
     */
    static Registration after(Registration previous, SchoolProfile profile, long timestamp) {
        if (profile.getActive()) {
            return new Registration(profile, null, null);
        }
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(timestamp), RecordRules.ZONE);
        boolean inactiveEarlier = previous != null && previous.inactiveSince() != null
                && previous.inactiveSince().isBefore(day);
        return new Registration(profile, inactiveEarlier ? previous.inactiveSince() : day, null);
    }
}
