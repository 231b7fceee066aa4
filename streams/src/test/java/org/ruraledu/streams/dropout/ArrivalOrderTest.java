package org.ruraledu.streams.dropout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.schemas.StudentStatus.ABSENT_EXCUSED;
import static org.ruraledu.schemas.StudentStatus.ABSENT_UNEXCUSED;
import static org.ruraledu.schemas.StudentStatus.ATTENDING;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.schemas.StudentStatus.RETURNED;
import static org.ruraledu.schemas.StudentStatus.TRANSFERRED_OUT;
import static org.ruraledu.streams.dropout.Ev.FRI;
import static org.ruraledu.streams.dropout.Ev.MON;
import static org.ruraledu.streams.dropout.Ev.NEXT_MON;
import static org.ruraledu.streams.dropout.Ev.NEXT_TUE;
import static org.ruraledu.streams.dropout.Ev.THU;
import static org.ruraledu.streams.dropout.Ev.TUE;
import static org.ruraledu.streams.dropout.Ev.WED;
import static org.ruraledu.streams.dropout.Ev.ev;
import static org.ruraledu.streams.dropout.Ev.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ruraledu.schemas.DropoutReason;

/** Late, out-of-order and repeated events give the same cases as in-order arrival. */
class ArrivalOrderTest {

    @Test
    void aReturnRecordedBeforeTheDropoutItEndsGivesTheSameClosedCase() {
        Ev.Replay inOrder = replay(ev("d", MON, DROPPED_OUT), ev("r", THU, RETURNED));
        Ev.Replay reversed = replay(ev("r", THU, RETURNED), ev("d", MON, DROPPED_OUT));

        assertThat(reversed.cases()).isEqualTo(inOrder.cases());
        assertThat(reversed.onlyCase().closure()).isEqualTo(Closure.RETURNED);
        assertThat(reversed.kinds()).containsExactly(CaseChange.Kind.OPENED_AND_CLOSED);
    }

    @Test
    void aLateAbsenceThatCompletesAStreakOpensTheCaseOnTheDayTheStreakReachedTheThreshold() {
        Ev.Replay r = replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a3", WED, ABSENT_UNEXCUSED),
                ev("a4", THU, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED));

        assertThat(r.onlyCase().openedOn()).isEqualTo(WED);
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED);
    }

    @Test
    void aRetryOfTheSameEventChangesNothingEvenIfItsContentDiffers() {
        PupilHistory once = replay(ev("d", MON, DROPPED_OUT).reason(DropoutReason.FINANCIAL)).history();

        Recording retry = once.record(ev("d", MON, DROPPED_OUT).reason(DropoutReason.FINANCIAL).entry(), Ev.RULES);
        Recording changedRetry = once.record(ev("d", TUE, RETURNED).entry(), Ev.RULES);

        assertThat(retry.outcome()).isEqualTo(Recording.Outcome.RETRY);
        assertThat(retry.changes()).isEmpty();
        assertThat(retry.history()).isEqualTo(once);
        assertThat(changedRetry.outcome()).isEqualTo(Recording.Outcome.RETRY);
        assertThat(changedRetry.history()).isEqualTo(once);
    }

    @Test
    void retriesInterleavedAnywhereGiveTheSameCasesAndChanges() {
        Ev.Replay clean = replay(ev("d", MON, DROPPED_OUT), ev("r", WED, RETURNED));
        Ev.Replay noisy = replay(ev("d", MON, DROPPED_OUT), ev("d", MON, DROPPED_OUT), ev("r", WED, RETURNED),
                ev("d", MON, DROPPED_OUT), ev("r", WED, RETURNED));

        assertThat(noisy.cases()).isEqualTo(clean.cases());
        assertThat(noisy.changes()).isEqualTo(clean.changes());
        assertThat(noisy.outcomes()).containsExactly(Recording.Outcome.APPLIED, Recording.Outcome.RETRY,
                Recording.Outcome.APPLIED, Recording.Outcome.RETRY, Recording.Outcome.RETRY);
    }

    @Test
    void aBackdatedDropoutWithdrawsTheStreakCaseAndOpensTheCaseOnItsOwnDay() {
        Ev.Replay r = replay(ev("a1", WED, ABSENT_UNEXCUSED), ev("a2", THU, ABSENT_UNEXCUSED),
                ev("a3", FRI, ABSENT_UNEXCUSED), ev("d", TUE, DROPPED_OUT).reason(DropoutReason.EMPLOYMENT));

        assertThat(r.onlyCase().openedOn()).isEqualTo(TUE);
        assertThat(r.onlyCase().cause()).isEqualTo(OpeningCause.DROPPED_OUT);
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED, CaseChange.Kind.OPENED, CaseChange.Kind.WITHDRAWN);
        assertThat(r.changes().get(2).before().openedOn()).isEqualTo(FRI);
    }

    @Test
    void aLateDropoutAfterAReturnSplitsTheCaseInTwo() {
        Ev.Replay r = replay(ev("d1", MON, DROPPED_OUT), ev("r1", TUE, RETURNED), ev("att", NEXT_MON, ATTENDING),
                ev("d2", THU, DROPPED_OUT));

        assertThat(r.cases()).hasSize(2);
        assertThat(r.cases().get(1).openedOn()).isEqualTo(THU);
        assertThat(r.cases().get(1).closedOn()).isEqualTo(NEXT_MON);
        assertThat(r.kinds().get(r.kinds().size() - 1)).isEqualTo(CaseChange.Kind.OPENED_AND_CLOSED);
    }

    @Test
    void aLaterRecordForTheSameDayCorrectsTheDaysAttendance() {
        Ev.Replay r = replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_UNEXCUSED), ev("fix", WED, ABSENT_EXCUSED).minutesLater(60));

        assertThat(r.cases()).isEmpty();
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED, CaseChange.Kind.WITHDRAWN);
    }

    @Test
    void anOlderRecordForTheSameDayArrivingLateDoesNotOverrideTheCorrection() {
        Ev.Replay r = replay(ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("fix", WED, ABSENT_EXCUSED).minutesLater(60), ev("a3", WED, ABSENT_UNEXCUSED));

        assertThat(r.cases()).isEmpty();
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void correctingTheAttendanceThatClosedACaseReopensIt() {
        Ev.Replay r = replay(ev("d", MON, DROPPED_OUT), ev("att", WED, ATTENDING),
                ev("fix", WED, ABSENT_UNEXCUSED).minutesLater(30));

        assertThat(r.onlyCase().isOpen()).isTrue();
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED, CaseChange.Kind.CLOSED, CaseChange.Kind.REOPENED);
    }

    @Test
    void sameDayEventsFollowTheirRecordingTimeNotTheirArrival() {
        Ev.Replay r = replay(ev("r", MON, RETURNED).minutesLater(30), ev("d", MON, DROPPED_OUT));

        assertThat(r.onlyCase().closure()).isEqualTo(Closure.RETURNED);
        assertThat(r.onlyCase().closedOn()).isEqualTo(MON);
    }

    @Test
    void everyArrivalOrderGivesTheSameCaseHistory() {
        List<Ev> story = List.of(
                ev("a1", MON, ABSENT_UNEXCUSED), ev("a2", TUE, ABSENT_UNEXCUSED),
                ev("a3", WED, ABSENT_UNEXCUSED).reason(DropoutReason.FINANCIAL),
                ev("d1", THU, DROPPED_OUT).reason(DropoutReason.EMPLOYMENT),
                ev("r1", NEXT_MON, RETURNED),
                ev("x1", NEXT_TUE, ABSENT_EXCUSED),
                ev("d2", NEXT_TUE.plusDays(1), DROPPED_OUT),
                ev("att", NEXT_TUE.plusDays(8), ATTENDING),
                ev("d3", NEXT_TUE.plusDays(9), DROPPED_OUT).reason(DropoutReason.FAMILY_MIGRATION),
                ev("t", NEXT_TUE.plusDays(15), TRANSFERRED_OUT),
                ev("a4", NEXT_TUE.plusDays(16), ABSENT_UNEXCUSED).counter(4));
        List<DropoutCase> inOrder = replay(story.toArray(Ev[]::new)).cases();
        assertThat(inOrder).extracting(DropoutCase::closure)
                .containsExactly(Closure.RETURNED, Closure.RETURNED, Closure.TRANSFERRED, null);

        Random random = new Random(38);
        for (int i = 0; i < 300; i++) {
            List<Ev> shuffled = new ArrayList<>(story);
            Collections.shuffle(shuffled, random);
            shuffled.add(random.nextInt(shuffled.size()), shuffled.get(random.nextInt(shuffled.size())));
            Ev.Replay r = replay(shuffled.toArray(Ev[]::new));
            assertThat(r.cases()).as("arrival order %s", shuffled).isEqualTo(inOrder);
            assertThat(netEffect(r.changes())).as("changes replayed, order %s", shuffled).isEqualTo(inOrder);
        }
    }

    /** Applying the emitted changes one after another, as a downstream consumer would, ends at the true cases. */
    private static List<DropoutCase> netEffect(List<CaseChange> changes) {
        java.util.Map<String, DropoutCase> cases = new java.util.TreeMap<>();
        for (CaseChange change : changes) {
            if (change.after() == null) {
                cases.remove(change.before().caseId());
            } else {
                cases.put(change.after().caseId(), change.after());
            }
        }
        return cases.values().stream().sorted(java.util.Comparator.comparing(DropoutCase::openedOn)).toList();
    }
}
