package org.ruraledu.launcher;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

/**
 * The oracle of the dropout end-to-end test: the cases of a set of status events, recounted from the README's
 * rules alone, in plain code that shares nothing with the streams application (not its history, fold, streak or
 * case id). Rules, as the README states them:
 * <ul>
 *   <li>one case per pupil (school, studentRef) at a time; a retry (same eventId) changes nothing;</li>
 *   <li>a case opens on DROPPED_OUT, or on the school day unexcused absence reaches the threshold of consecutive
 *       school days: the school's own counter ({@code consecutiveAbsentDays}) wins, otherwise daily
 *       ABSENT_UNEXCUSED events on consecutive school days are counted;</li>
 *   <li>it closes on RETURNED or ATTENDING (the child is back: a return) or TRANSFERRED_OUT;</li>
 *   <li>cases depend on the events only, not on their arrival order: events are taken by the day they concern.</li>
 * </ul>
 * What the oracle does not decide: school days are Monday to Friday, so the test gives the pipeline (and so the
 * simulator) a calendar of just those, without holidays and make-up days; no event lies more than
 * {@code dropout.late.event.window.days} behind its pupil's newest (TOO_LATE), which three weeks of school without
 * a vacation ensure; and two events of one pupil on one day are not ordered, so the test first checks the input has
 * none ({@link #daysWithTwoEventsOfOnePupil}).
 */
final class ReadmeCases {
    /** A case; {@code closedOn} is null while it is open, {@code returned} says whether it closed by a return. */
    record Case(String schoolId, String studentRef, LocalDate openedOn, boolean recordedDropout, LocalDate closedOn,
            boolean returned) {
        boolean isOpen() {
            return closedOn == null;
        }

        /** What names the case on its DROPOUT_DETECTED alert: school, subjectRef and periodStart (the opening day). */
        String key() {
            return keyOf(schoolId, studentRef, openedOn);
        }

        Case closed(LocalDate day, boolean byReturn) {
            return new Case(schoolId, studentRef, openedOn, recordedDropout, day, byReturn);
        }
    }

    private ReadmeCases() {}

    static String keyOf(String schoolId, String studentRef, LocalDate openedOn) {
        return schoolId + "|" + studentRef + "|" + openedOn;
    }

    static List<Case> of(List<StudentStatusEvent> input, int thresholdDays) {
        List<Case> cases = new ArrayList<>();
        for (List<StudentStatusEvent> events : byPupil(input).values()) {
            events.sort(Comparator.comparing(StudentStatusEvent::getDate));
            Case open = null;
            int streak = 0;
            LocalDate lastAbsence = null;
            for (StudentStatusEvent e : events) {
                LocalDate day = e.getDate();
                StudentStatus status = e.getStatus();
                if (status == StudentStatus.ABSENT_UNEXCUSED) {
                    Integer counter = e.getConsecutiveAbsentDays();
                    streak = counter != null ? counter : day.equals(nextSchoolDay(lastAbsence)) ? streak + 1 : 1;
                    lastAbsence = day;
                    if (open == null && streak >= thresholdDays) {
                        open = new Case(e.getSchoolId(), e.getStudentRef(), day, false, null, false);
                    }
                } else if (status == StudentStatus.DROPPED_OUT) {
                    if (open == null) {
                        open = new Case(e.getSchoolId(), e.getStudentRef(), day, true, null, false);
                    }
                } else { // attending, excused, returned or transferred: no unexcused absence that day
                    streak = 0;
                    lastAbsence = null;
                    if (open != null && status != StudentStatus.ABSENT_EXCUSED) {
                        cases.add(open.closed(day, status != StudentStatus.TRANSFERRED_OUT));
                        open = null;
                    }
                }
            }
            if (open != null) {
                cases.add(open);
            }
        }
        return cases;
    }

    /** {@code school|studentRef|day} of every day on which one pupil has two events with different eventIds. */
    static Set<String> daysWithTwoEventsOfOnePupil(List<StudentStatusEvent> input) {
        Set<String> seen = new TreeSet<>();
        Set<String> twice = new TreeSet<>();
        byPupil(input).values().forEach(events -> events.forEach(e -> {
            String day = keyOf(e.getSchoolId(), e.getStudentRef(), e.getDate());
            if (!seen.add(day)) {
                twice.add(day);
            }
        }));
        return twice;
    }

    /** Each pupil's events, one per eventId (a retry changes nothing). */
    private static Map<String, List<StudentStatusEvent>> byPupil(List<StudentStatusEvent> input) {
        Map<String, Map<String, StudentStatusEvent>> unique = new LinkedHashMap<>();
        for (StudentStatusEvent e : input) {
            unique.computeIfAbsent(e.getSchoolId() + "|" + e.getStudentRef(), k -> new LinkedHashMap<>())
                    .putIfAbsent(e.getEventId(), e);
        }
        Map<String, List<StudentStatusEvent>> pupils = new LinkedHashMap<>();
        unique.forEach((pupil, events) -> pupils.put(pupil, new ArrayList<>(events.values())));
        return pupils;
    }

    private static LocalDate nextSchoolDay(LocalDate day) {
        if (day == null) {
            return null;
        }
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }
}
