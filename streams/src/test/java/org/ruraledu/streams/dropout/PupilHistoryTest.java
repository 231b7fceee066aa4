package org.ruraledu.streams.dropout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ruraledu.schemas.StudentStatus.ABSENT_UNEXCUSED;
import static org.ruraledu.schemas.StudentStatus.ATTENDING;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.schemas.StudentStatus.RETURNED;
import static org.ruraledu.streams.dropout.Ev.MON;
import static org.ruraledu.streams.dropout.Ev.ev;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.schemas.DropoutReason;
import org.ruraledu.schemas.StudentStatusEvent;

/** The state kept per pupil: bounded, exact within the late-event window, and serialisable. */
class PupilHistoryTest {

    @Test
    void daysOlderThanTheWindowAreFoldedIntoTheSnapshot() {
        List<Ev> daily = new ArrayList<>();
        for (int week = 0; week < 20; week++) {
            for (int day = 0; day < 5; day++) {
                LocalDate date = MON.plusWeeks(week).plusDays(day);
                daily.add(ev("att-" + date, date, ATTENDING));
            }
        }
        PupilHistory h = Ev.replay(daily.toArray(Ev[]::new)).history();

        LocalDate newest = MON.plusWeeks(19).plusDays(4);
        assertThat(h.entries()).isNotEmpty().allMatch(e -> !e.date().isBefore(newest.minusDays(30)));
        assertThat(h.entries()).hasSizeLessThanOrEqualTo(23);
        assertThat(h.settledThrough()).isBefore(newest.minusDays(30));
        assertThat(h.settled()).isEqualTo(FoldState.INITIAL);
    }

    @Test
    void aCaseOpenLongerThanTheWindowIsCarriedInTheSnapshotAndStillCloses() {
        PupilHistory h = Ev.replay(ev("d", MON, DROPPED_OUT).reason(DropoutReason.ILLNESS),
                ev("a", MON.plusDays(45), ABSENT_UNEXCUSED)).history();
        assertThat(h.entries()).extracting(StatusEntry::eventId).containsExactly("a");
        assertThat(h.settled().openCase()).isNotNull();

        Recording back = h.record(ev("r", MON.plusDays(50), RETURNED).entry(), Ev.RULES);

        DropoutCase closed = back.changes().get(0).after();
        assertThat(back.changes()).extracting(CaseChange::kind).containsExactly(CaseChange.Kind.CLOSED);
        assertThat(closed.openedOn()).isEqualTo(MON);
        assertThat(closed.reason()).isEqualTo(DropoutReason.ILLNESS);
        assertThat(closed.daysOpen(MON.plusDays(99))).isEqualTo(50);
    }

    @Test
    void aStreakRunningAtTheSnapshotContinuesAfterIt() {
        DropoutRules noWindow = new DropoutRules(3, 0);
        PupilHistory h = PupilHistory.start(Ev.SCHOOL, Ev.REF);
        h = h.record(ev("a1", MON, ABSENT_UNEXCUSED).entry(), noWindow).history();
        h = h.record(ev("a2", MON.plusDays(1), ABSENT_UNEXCUSED).entry(), noWindow).history();
        assertThat(h.entries()).extracting(StatusEntry::eventId).containsExactly("a2");

        Recording third = h.record(ev("a3", MON.plusDays(2), ABSENT_UNEXCUSED).entry(), noWindow);

        assertThat(third.changes()).extracting(CaseChange::kind).containsExactly(CaseChange.Kind.OPENED);
    }

    @Test
    void anEventOlderThanTheSnapshotIsRefusedAsTooLate() {
        PupilHistory h = Ev.replay(ev("d", MON, DROPPED_OUT), ev("att", MON.plusDays(60), ATTENDING)).history();

        assertThat(h.settledThrough()).isEqualTo(MON);

        Recording late = h.record(ev("r", MON, RETURNED).minutesLater(30).entry(), Ev.RULES);

        assertThat(late.outcome()).isEqualTo(Recording.Outcome.TOO_LATE);
        assertThat(late.history()).isEqualTo(h);
        assertThat(late.changes()).isEmpty();
    }

    @Test
    void aRetryOfAFoldedEventIsARetryNotTooLate() {
        PupilHistory h = Ev.replay(ev("d", MON, DROPPED_OUT), ev("att", MON.plusDays(60), ATTENDING)).history();
        assertThat(h.entries()).extracting(StatusEntry::eventId).containsExactly("att");

        Recording retry = h.record(ev("d", MON, DROPPED_OUT).entry(), Ev.RULES);

        assertThat(retry.outcome()).isEqualTo(Recording.Outcome.RETRY);
        assertThat(retry.history()).isEqualTo(h);
        assertThat(retry.changes()).isEmpty();
    }

    @Test
    void onlyTheMostRecentlyFoldedEventIdsAreKept() {
        List<Ev> daily = new ArrayList<>();
        for (int day = 0; day < PrunedEventIds.KEPT + 100; day++) {
            daily.add(ev("att-" + day, MON.plusDays(day), ATTENDING));
        }
        PupilHistory h = Ev.replay(daily.toArray(Ev[]::new)).history();
        assertThat(h.prunedIds().size()).isEqualTo(PrunedEventIds.KEPT);
        int newestFolded = PrunedEventIds.KEPT + 100 - h.entries().size() - 1;

        assertThat(h.record(ev("att-" + newestFolded, MON.plusDays(newestFolded), ATTENDING).entry(), Ev.RULES)
                .outcome()).isEqualTo(Recording.Outcome.RETRY);
        assertThat(h.record(ev("att-0", MON, ATTENDING).entry(), Ev.RULES).outcome())
                .as("forgotten: as late as any event behind the snapshot").isEqualTo(Recording.Outcome.TOO_LATE);
        assertThat(h.record(ev("other", MON.plusDays(newestFolded), ATTENDING).entry(), Ev.RULES).outcome())
                .isEqualTo(Recording.Outcome.TOO_LATE);
    }

    @Test
    void anEventAfterEverythingFoldedIsStillExactEvenOutsideTheWindow() {
        PupilHistory h = Ev.replay(ev("d", MON, DROPPED_OUT), ev("att", MON.plusDays(60), ATTENDING)).history();

        Recording late = h.record(ev("r", MON.plusDays(3), RETURNED).entry(), Ev.RULES);

        assertThat(late.outcome()).isEqualTo(Recording.Outcome.APPLIED);
        assertThat(late.changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(CaseChange.Kind.REVISED);
            assertThat(change.after().closedOn()).isEqualTo(MON.plusDays(3));
        });
        // Closed more than the window ago, the case is settled: it is no longer kept, as it can no longer change.
        assertThat(late.history().cases(Ev.RULES)).isEmpty();
    }

    @Test
    void anEventWithinTheWindowStillReshapesTheCases() {
        PupilHistory h = Ev.replay(ev("d", MON, DROPPED_OUT), ev("att", MON.plusDays(20), ATTENDING)).history();

        Recording late = h.record(ev("r", MON.plusDays(3), RETURNED).entry(), Ev.RULES);

        assertThat(late.outcome()).isEqualTo(Recording.Outcome.APPLIED);
        assertThat(late.changes()).extracting(CaseChange::kind).containsExactly(CaseChange.Kind.REVISED);
        assertThat(late.history().cases(Ev.RULES)).singleElement()
                .extracting(DropoutCase::closedOn).isEqualTo(MON.plusDays(3));
    }

    @Test
    void survivesTheStateSerdeWithAnOpenCaseAndAStreak() {
        PupilHistory h = Ev.replay(ev("d", MON, DROPPED_OUT).reason(DropoutReason.MARRIAGE).grade(9),
                ev("a1", MON.plusDays(40), ABSENT_UNEXCUSED).counter(2),
                ev("a2", MON.plusDays(41), ABSENT_UNEXCUSED)).history();
        assertThat(h.settled().openCase()).isNotNull();

        Serde<PupilHistory> serde = DropoutSerdes.pupilHistory();
        byte[] bytes = serde.serializer().serialize("changelog", h);
        PupilHistory back = serde.deserializer().deserialize("changelog", bytes);

        assertThat(back).isEqualTo(h);
        assertThat(back.prunedIds().size()).isEqualTo(1);
        assertThat(back.cases(Ev.RULES)).isEqualTo(h.cases(Ev.RULES));
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\"open\"");
    }

    @Test
    void aCaseSurvivesItsSerde() {
        DropoutCase c = Ev.replay(ev("d", MON, DROPPED_OUT), ev("r", MON.plusDays(2), RETURNED)).history()
                .cases(Ev.RULES).get(0);
        Serde<DropoutCase> serde = DropoutSerdes.dropoutCase();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", c))).isEqualTo(c);
    }

    @Test
    void recordsAnAvroEventAndRefusesOneOfAnotherPupil() {
        StudentStatusEvent event = StudentStatusEvent.newBuilder().setEventId("e1").setSchoolId(Ev.SCHOOL)
                .setStudentRef(Ev.REF).setGrade(5).setDate(MON)
                .setStatus(org.ruraledu.schemas.StudentStatus.DROPPED_OUT).setConsecutiveAbsentDays(null)
                .setReason(DropoutReason.FINANCIAL).setLeftBehind(false)
                .setRecordedAt(MON.atStartOfDay(org.ruraledu.records.RecordRules.ZONE).toInstant()).build();

        Recording r = PupilHistory.start(Ev.SCHOOL, Ev.REF).record(event, Ev.RULES);
        assertThat(r.history().openCase(Ev.RULES).grade()).isEqualTo(5);

        assertThatThrownBy(() -> PupilHistory.start("another-school", Ev.REF).record(event, Ev.RULES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rulesComeFromSettings() {
        DropoutRules rules = DropoutRules.from(Settings.defaults().with("dropout.absence.threshold.days", "5"));

        assertThat(rules.absenceThresholdDays()).isEqualTo(5);
        assertThat(rules.lateEventWindowDays()).isEqualTo(30);
        assertThat(rules.schoolDays().isSchoolDay(LocalDate.parse("2026-10-10"))).as("the calendar's make-up day")
                .isTrue();
        assertThatThrownBy(() -> new DropoutRules(0, 30)).hasMessageContaining("dropout.absence.threshold.days");
    }
}
