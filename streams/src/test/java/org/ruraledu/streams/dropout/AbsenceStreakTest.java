package org.ruraledu.streams.dropout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.schemas.StudentStatus.ABSENT_EXCUSED;
import static org.ruraledu.schemas.StudentStatus.ABSENT_UNEXCUSED;
import static org.ruraledu.schemas.StudentStatus.ATTENDING;
import static org.ruraledu.schemas.StudentStatus.RETURNED;
import static org.ruraledu.streams.dropout.Ev.FRI;
import static org.ruraledu.streams.dropout.Ev.MON;
import static org.ruraledu.streams.dropout.Ev.NEXT_MON;
import static org.ruraledu.streams.dropout.Ev.NEXT_TUE;
import static org.ruraledu.streams.dropout.Ev.SAT;
import static org.ruraledu.streams.dropout.Ev.THU;
import static org.ruraledu.streams.dropout.Ev.TUE;
import static org.ruraledu.streams.dropout.Ev.WED;
import static org.ruraledu.streams.dropout.Ev.ev;
import static org.ruraledu.streams.dropout.Ev.replay;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.config.Settings;
import org.ruraledu.schemas.DropoutReason;

class AbsenceStreakTest {

    @Test
    void threeConsecutiveUnexcusedDaysOpenACaseOnTheThirdDay() {
        Ev.Replay r = replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_UNEXCUSED).reason(DropoutReason.LEARNING_DIFFICULTY));

        DropoutCase c = r.onlyCase();
        assertThat(c.cause()).isEqualTo(OpeningCause.ABSENCE_STREAK);
        assertThat(c.openedOn()).isEqualTo(WED);
        assertThat(c.reason()).isEqualTo(DropoutReason.LEARNING_DIFFICULTY);
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED);
    }

    @Test
    void twoDaysAreBelowTheThreshold() {
        assertThat(replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED)).cases()).isEmpty();
    }

    @Test
    void theThresholdIsConfigurable() {
        PupilHistory h = PupilHistory.start(Ev.SCHOOL, Ev.REF);
        DropoutRules fiveDays = new DropoutRules(5, 30);
        for (Ev e : new Ev[] {ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_UNEXCUSED), ev("a4", THU, ABSENT_UNEXCUSED)}) {
            h = h.record(e.entry(), fiveDays).history();
        }
        assertThat(h.cases(fiveDays)).isEmpty();
        assertThat(h.record(ev("a5", FRI, ABSENT_UNEXCUSED).entry(), fiveDays).history().cases(fiveDays))
                .singleElement().extracting(DropoutCase::openedOn).isEqualTo(FRI);
    }

    @Test
    void aWeekendDoesNotBreakTheStreak() {
        Ev.Replay r = replay(ev("a1", THU, ABSENT_UNEXCUSED), ev("a2", FRI, ABSENT_UNEXCUSED),
                ev("a3", NEXT_MON, ABSENT_UNEXCUSED));

        assertThat(r.onlyCase().openedOn()).isEqualTo(NEXT_MON);
    }

    @Test
    void aMakeUpSaturdayCountsAsASchoolDay() {
        Ev.Replay r = replay(ev("a1", FRI, ABSENT_UNEXCUSED), ev("a2", SAT, ABSENT_UNEXCUSED),
                ev("a3", NEXT_MON, ABSENT_UNEXCUSED));

        assertThat(r.onlyCase().openedOn()).isEqualTo(NEXT_MON);
    }

    @Test
    void aSchoolDayWithoutAbsenceBreaksTheStreak() {
        assertThat(replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", WED, ABSENT_UNEXCUSED),
                ev("a3", THU, ABSENT_UNEXCUSED)).cases()).isEmpty();
    }

    @Test
    void attendanceBreaksTheStreak() {
        assertThat(replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ATTENDING),
                ev("a3", WED, ABSENT_UNEXCUSED), ev("a4", THU, ABSENT_UNEXCUSED)).cases()).isEmpty();
    }

    @Test
    void anExcusedAbsenceBreaksTheStreak() {
        assertThat(replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_EXCUSED), ev("a4", THU, ABSENT_UNEXCUSED)).cases()).isEmpty();
    }

    @Test
    void theSchoolsCounterOpensACaseOnItsOwn() {
        Ev.Replay r = replay(ev("a1", THU, ABSENT_UNEXCUSED).counter(3));

        assertThat(r.onlyCase().openedOn()).isEqualTo(THU);
        assertThat(r.onlyCase().cause()).isEqualTo(OpeningCause.ABSENCE_STREAK);
    }

    @Test
    void theSchoolsCounterWinsOverOurOwnCount() {
        // The school knows that Tuesday was in fact attended (a record we never received): its counter says 1.
        assertThat(replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_UNEXCUSED).counter(1)).cases()).isEmpty();
    }

    @Test
    void ourCountContinuesFromTheSchoolsCounter() {
        Ev.Replay r = replay(ev("a1", MON, ABSENT_UNEXCUSED).counter(2), ev("a2", TUE, ABSENT_UNEXCUSED));

        assertThat(r.onlyCase().openedOn()).isEqualTo(TUE);
    }

    @Test
    void aReturnEndsTheStreakSoANewStreakIsNeededForANewCase() {
        Ev.Replay r = replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_UNEXCUSED), ev("r", THU, RETURNED), ev("a4", FRI, ABSENT_UNEXCUSED),
                ev("a5", NEXT_MON, ABSENT_UNEXCUSED));
        assertThat(r.cases()).hasSize(1);

        Ev.Replay again = replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_UNEXCUSED), ev("r", THU, RETURNED), ev("a4", FRI, ABSENT_UNEXCUSED),
                ev("a5", NEXT_MON, ABSENT_UNEXCUSED), ev("a6", NEXT_TUE, ABSENT_UNEXCUSED));
        assertThat(again.cases()).hasSize(2);
        assertThat(again.cases().get(1).openedOn()).isEqualTo(NEXT_TUE);
    }

    @Test
    void absencesWhileACaseIsOpenKeepItOpen() {
        Ev.Replay r = replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_UNEXCUSED), ev("a4", THU, ABSENT_UNEXCUSED), ev("a5", FRI, ABSENT_EXCUSED),
                ev("a6", NEXT_MON, ABSENT_UNEXCUSED));

        assertThat(r.onlyCase().isOpen()).isTrue();
        assertThat(r.onlyCase().openedOn()).isEqualTo(WED);
    }

    @Test
    void withoutACalendarSchoolDaysAreMondayToFridayAndWeekendsBridge() {
        SchoolDays days = SchoolDays.WEEKDAYS;
        assertThat(days.consecutive(MON, TUE)).isTrue();
        assertThat(days.consecutive(FRI, NEXT_MON)).isTrue();
        assertThat(days.consecutive(FRI, SAT)).isTrue();
        assertThat(days.consecutive(THU, NEXT_MON)).isFalse();
        assertThat(days.consecutive(MON, WED)).isFalse();
        assertThat(days.consecutive(MON, MON)).isFalse();
        assertThat(days.consecutive(TUE, MON)).isFalse();
        assertThat(days.consecutive(FRI, NEXT_TUE)).isFalse();
    }

    /**
     * With the school calendar (the built-in one: 2025 to mid-2027), a public holiday or a vacation between two
     * absences bridges them like a weekend, and a make-up school day (调休) without an absence breaks the streak.
     */
    @Test
    void withTheSchoolCalendarHolidaysAndVacationsBridgeAndMakeUpDaysCount() {
        SchoolDays days = SchoolDays.of(SchoolCalendar.builtIn());
        assertThat(days.consecutive(day("2026-04-03"), day("2026-04-07"))).as("Qingming, Sat 4 to Mon 6 April").isTrue();
        assertThat(days.consecutive(day("2026-09-30"), day("2026-10-08"))).as("National Day week").isTrue();
        assertThat(days.consecutive(day("2026-01-23"), day("2026-03-02"))).as("winter vacation").isTrue();
        assertThat(days.consecutive(day("2026-10-09"), day("2026-10-12")))
                .as("Saturday 10 October is a make-up school day").isFalse();
        assertThat(days.consecutive(day("2026-10-09"), day("2026-10-10"))).isTrue();
        assertThat(days.consecutive(day("2026-03-10"), day("2026-03-12"))).as("a school day between").isFalse();
        // After the calendar's last term: Monday to Friday again, not one endless vacation.
        assertThat(days.consecutive(day("2027-09-03"), day("2027-09-06"))).isTrue();
        assertThat(days.consecutive(day("2027-09-03"), day("2027-09-08"))).isFalse();
    }

    @Test
    void anAbsenceStreakOverTheNationalDayHolidayOpensACase() {
        DropoutRules rules = DropoutRules.from(Settings.defaults());
        Ev.Replay r = replay(rules, ev("a1", day("2026-09-29"), ABSENT_UNEXCUSED),
                ev("a2", day("2026-09-30"), ABSENT_UNEXCUSED), ev("a3", day("2026-10-08"), ABSENT_UNEXCUSED));

        assertThat(r.onlyCase().openedOn()).isEqualTo(day("2026-10-08"));
        assertThat(replay(ev("a1", day("2026-09-29"), ABSENT_UNEXCUSED), ev("a2", day("2026-09-30"), ABSENT_UNEXCUSED),
                ev("a3", day("2026-10-08"), ABSENT_UNEXCUSED)).cases()).as("Monday to Friday alone: broken").isEmpty();
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }
}
