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
import static org.ruraledu.streams.dropout.Ev.REF;
import static org.ruraledu.streams.dropout.Ev.SCHOOL;
import static org.ruraledu.streams.dropout.Ev.THU;
import static org.ruraledu.streams.dropout.Ev.TUE;
import static org.ruraledu.streams.dropout.Ev.WED;
import static org.ruraledu.streams.dropout.Ev.ev;
import static org.ruraledu.streams.dropout.Ev.replay;

import org.junit.jupiter.api.Test;
import org.ruraledu.schemas.DropoutReason;

class CaseTransitionsTest {

    @Test
    void aRecordedDropoutOpensACaseWithThePupilsDetails() {
        Ev.Replay r = replay(ev("e1", TUE, DROPPED_OUT).reason(DropoutReason.FINANCIAL).grade(7).leftBehind(true));

        DropoutCase c = r.onlyCase();
        assertThat(c.caseId()).isEqualTo(DropoutCase.idOf(SCHOOL, REF, TUE, 0)).startsWith("dropout-");
        assertThat(c.schoolId()).isEqualTo(SCHOOL);
        assertThat(c.studentRef()).isEqualTo(REF);
        assertThat(c.openedOn()).isEqualTo(TUE);
        assertThat(c.cause()).isEqualTo(OpeningCause.DROPPED_OUT);
        assertThat(c.reason()).isEqualTo(DropoutReason.FINANCIAL);
        assertThat(c.grade()).isEqualTo(7);
        assertThat(c.leftBehind()).isTrue();
        assertThat(c.isOpen()).isTrue();
        assertThat(c.closedOn()).isNull();
        assertThat(c.closure()).isNull();
        assertThat(c.daysOpen(FRI)).isEqualTo(3);
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED);
        assertThat(r.changes().get(0).before()).isNull();
        assertThat(r.changes().get(0).after()).isEqualTo(c);
    }

    @Test
    void aDropoutWithoutReasonHasAnUnknownReason() {
        assertThat(replay(ev("e1", TUE, DROPPED_OUT)).onlyCase().reason()).isEqualTo(DropoutReason.UNKNOWN);
    }

    @Test
    void aReturnClosesTheCaseAsReturned() {
        Ev.Replay r = replay(ev("e1", MON, DROPPED_OUT), ev("e2", NEXT_MON, RETURNED));

        DropoutCase c = r.onlyCase();
        assertThat(c.closure()).isEqualTo(Closure.RETURNED);
        assertThat(c.closedOn()).isEqualTo(NEXT_MON);
        assertThat(c.daysOpen(NEXT_MON.plusDays(30))).isEqualTo(7);
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED, CaseChange.Kind.CLOSED);
    }

    @Test
    void attendingAgainClosesTheCaseAsReturned() {
        Ev.Replay r = replay(ev("e1", MON, DROPPED_OUT), ev("e2", THU, ATTENDING));

        assertThat(r.onlyCase().closure()).isEqualTo(Closure.RETURNED);
        assertThat(r.onlyCase().closedOn()).isEqualTo(THU);
    }

    @Test
    void aVerifiedTransferClosesTheCaseAsTransferredNotReturned() {
        Ev.Replay r = replay(ev("e1", MON, DROPPED_OUT), ev("e2", WED, TRANSFERRED_OUT));

        assertThat(r.onlyCase().closure()).isEqualTo(Closure.TRANSFERRED);
        assertThat(r.onlyCase().closedOn()).isEqualTo(WED);
    }

    @Test
    void returnTransferAndAttendanceWithoutAnOpenCaseChangeNothing() {
        Ev.Replay r = replay(ev("e1", MON, RETURNED), ev("e2", TUE, ATTENDING), ev("e3", WED, TRANSFERRED_OUT),
                ev("e4", THU, ABSENT_EXCUSED));

        assertThat(r.cases()).isEmpty();
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void aSecondDropoutAfterAReturnOpensANewCase() {
        Ev.Replay r = replay(ev("e1", MON, DROPPED_OUT), ev("e2", WED, RETURNED),
                ev("e3", NEXT_MON, DROPPED_OUT).reason(DropoutReason.EMPLOYMENT));

        assertThat(r.cases()).hasSize(2);
        DropoutCase first = r.cases().get(0);
        DropoutCase second = r.cases().get(1);
        assertThat(first.closure()).isEqualTo(Closure.RETURNED);
        assertThat(second.isOpen()).isTrue();
        assertThat(second.openedOn()).isEqualTo(NEXT_MON);
        assertThat(second.reason()).isEqualTo(DropoutReason.EMPLOYMENT);
        assertThat(second.caseId()).isNotEqualTo(first.caseId());
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED, CaseChange.Kind.CLOSED, CaseChange.Kind.OPENED);
    }

    @Test
    void aDropoutRecordedAgainWhileTheCaseIsOpenIsTheSameCaseWithTheNewReason() {
        Ev.Replay r = replay(ev("e1", MON, DROPPED_OUT), ev("e2", WED, DROPPED_OUT).reason(DropoutReason.ILLNESS));

        assertThat(r.onlyCase().openedOn()).isEqualTo(MON);
        assertThat(r.onlyCase().reason()).isEqualTo(DropoutReason.ILLNESS);
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED, CaseChange.Kind.REVISED);
    }

    @Test
    void anUnknownReasonDoesNotOverwriteAKnownOne() {
        Ev.Replay r = replay(ev("e1", MON, DROPPED_OUT).reason(DropoutReason.FAMILY_MIGRATION),
                ev("e2", TUE, ABSENT_UNEXCUSED).reason(DropoutReason.UNKNOWN));

        assertThat(r.onlyCase().reason()).isEqualTo(DropoutReason.FAMILY_MIGRATION);
        assertThat(r.kinds()).containsExactly(CaseChange.Kind.OPENED);
    }

    @Test
    void aReturnAndADropoutOnTheSameDayGiveTwoCasesWithDistinctIds() {
        Ev.Replay r = replay(ev("e1", MON, DROPPED_OUT), ev("e2", MON, RETURNED).minutesLater(10),
                ev("e3", MON, DROPPED_OUT).minutesLater(20));

        assertThat(r.cases()).hasSize(2);
        assertThat(r.cases().get(0).daysOpen(FRI)).isZero();
        assertThat(r.cases().get(1).caseId())
                .isEqualTo(DropoutCase.idOf(SCHOOL, REF, MON, 1))
                .isNotEqualTo(r.cases().get(0).caseId());
    }

    @Test
    void caseIdsAreStableAndDependOnSchoolPupilAndDay() {
        assertThat(DropoutCase.idOf(SCHOOL, REF, MON, 0)).isEqualTo(DropoutCase.idOf(SCHOOL, REF, MON, 0));
        assertThat(DropoutCase.idOf(SCHOOL, REF, MON, 0)).isNotEqualTo(DropoutCase.idOf(SCHOOL, REF, TUE, 0));
        assertThat(DropoutCase.idOf(SCHOOL, REF, MON, 0)).isNotEqualTo(DropoutCase.idOf("other", REF, MON, 0));
    }
}
