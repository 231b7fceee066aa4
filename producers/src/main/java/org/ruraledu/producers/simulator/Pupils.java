package org.ruraledu.producers.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ruraledu.contract.District;
import org.ruraledu.records.ResidentIdNumber;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.DropoutReason;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

/**
 * The pupils of the simulated schools, as dropout control (控辍保学) sees them: only exceptions are reported.
 * Unexcused absence streaks are common and mostly end by themselves; a few grow into dropouts. Dropouts are
 * rare (a few per 10,000 pupils per term) and most children are persuaded to return (劝返) after days or weeks;
 * some transfer. Student numbers are made up and pseudonymised before they leave the school.
 */
final class Pupils {
    private static final double START_ABSENCE = 0.0002;
    private static final double CONTINUE_ABSENCE = 0.4;
    private static final double STREAK_TO_DROPOUT = 0.1;
    private static final double DIRECT_DROPOUT = 0.000004;
    private static final double RETURN = 0.1;
    private static final double TRANSFER = 0.01;

    /** A pupil who is absent or out of school, until back in class. */
    private static final class Trouble {
        int streak;
        boolean droppedOut;
        DropoutReason reason;
    }

    private final Random random;
    private final StudentRefs refs;
    private final Map<String, Map<Integer, Trouble>> troubleBySchool = new HashMap<>();

    Pupils(Random random, StudentRefs refs) {
        this.random = random;
        this.refs = refs;
    }

    /** Status events of one school day at one school. */
    List<StudentStatusEvent> day(SimulatedSchool school, LocalDate day, Instant recordedAt, SimulationStats stats) {
        Map<Integer, Trouble> troubled = troubleBySchool.computeIfAbsent(school.id(), k -> new HashMap<>());
        List<StudentStatusEvent> events = new ArrayList<>();
        for (Iterator<Map.Entry<Integer, Trouble>> it = troubled.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Trouble> entry = it.next();
            int pupil = entry.getKey();
            Trouble t = entry.getValue();
            if (t.droppedOut) {
                if (random.nextDouble() < RETURN) {
                    events.add(event(school, pupil, day, recordedAt, StudentStatus.RETURNED, null, t.reason));
                    stats.add("pupils.returned");
                    it.remove();
                } else if (random.nextDouble() < TRANSFER) {
                    events.add(event(school, pupil, day, recordedAt, StudentStatus.TRANSFERRED_OUT, null, t.reason));
                    stats.add("pupils.transferred");
                    it.remove();
                }
            } else if (t.streak >= 5 && random.nextDouble() < STREAK_TO_DROPOUT) {
                dropOut(school, pupil, t, day, recordedAt, events, stats);
            } else if (random.nextDouble() < CONTINUE_ABSENCE) {
                t.streak++;
                events.add(event(school, pupil, day, recordedAt, StudentStatus.ABSENT_UNEXCUSED, t.streak, null));
                stats.add("pupils.absent_unexcused");
            } else {
                events.add(event(school, pupil, day, recordedAt, StudentStatus.ATTENDING, null, null));
                it.remove();
            }
        }
        for (int i = poisson(school.enrolled() * START_ABSENCE); i > 0; i--) {
            int pupil = random.nextInt(school.enrolled());
            if (troubled.putIfAbsent(pupil, new Trouble()) == null) {
                Trouble t = troubled.get(pupil);
                t.streak = 1;
                events.add(event(school, pupil, day, recordedAt, StudentStatus.ABSENT_UNEXCUSED, 1, null));
                stats.add("pupils.absent_unexcused");
            }
        }
        for (int i = poisson(school.enrolled() * DIRECT_DROPOUT); i > 0; i--) {
            int pupil = random.nextInt(school.enrolled());
            Trouble t = troubled.computeIfAbsent(pupil, k -> new Trouble());
            if (!t.droppedOut) {
                dropOut(school, pupil, t, day, recordedAt, events, stats);
            }
        }
        return events;
    }

    private void dropOut(SimulatedSchool school, int pupil, Trouble t, LocalDate day, Instant recordedAt,
            List<StudentStatusEvent> events, SimulationStats stats) {
        DropoutReason[] reasons = DropoutReason.values();
        t.droppedOut = true;
        t.reason = reasons[random.nextInt(reasons.length)];
        events.add(event(school, pupil, day, recordedAt, StudentStatus.DROPPED_OUT, null, t.reason));
        stats.add("pupils.dropped_out");
    }

    private StudentStatusEvent event(SimulatedSchool school, int pupil, LocalDate day, Instant recordedAt,
            StudentStatus status, Integer streak, DropoutReason reason) {
        boolean schoolCountsStreaks = Math.floorMod(school.id().hashCode(), 10) < 6;
        return StudentStatusEvent.newBuilder()
                .setEventId(school.id() + "-" + day + "-" + pupil + "-" + status)
                .setSchoolId(school.id())
                .setStudentRef(refs.refOf(studentNumber(school, pupil)))
                .setGrade(1 + pupil % 9)
                .setDate(day)
                .setStatus(status)
                .setConsecutiveAbsentDays(schoolCountsStreaks ? streak : null)
                .setReason(reason)
                .setLeftBehind(pupil < school.leftBehind())
                .setRecordedAt(recordedAt)
                .build();
    }

    /**
     * A made-up national student number: G + a resident ID number of the real structure (Weihai's address codes
     * 371001..371008 by district, a birth date in early 2008 by pupil, a sequence, the check character), so the
     * privacy checks would catch a leak of it as they would a real one. Unique per school and pupil.
     */
    static String studentNumber(SimulatedSchool school, int pupil) {
        int district = District.byKey(school.district()).orElseThrow().ordinal() + 1;
        int schoolNumber = Integer.parseInt(school.id().substring(school.id().lastIndexOf('-') + 1));
        LocalDate birth = LocalDate.of(2008, 1, 1).plusDays(pupil / 1000 * 7L + schoolNumber % 7);
        String first17 = String.format("3710%02d%s%03d", district, birth.format(DateTimeFormatter.BASIC_ISO_DATE),
                pupil % 1000);
        return "G" + ResidentIdNumber.withCheckCharacter(first17);
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }
}
