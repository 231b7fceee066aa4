package org.ruraledu.producers.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.District;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

class SimulatorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC); // a Friday
    private static final StudentRefs REFS = new StudentRefs("test-only-key-test-only-key-test-only".getBytes());

    /** Keeps what the simulator sends, in order. */
    static final class RecordingSink implements ReportSink {
        final List<SpecificRecordBase> records = new ArrayList<>();
        final List<byte[]> raw = new ArrayList<>();

        @Override
        public void send(SpecificRecordBase record) {
            records.add(record);
        }

        @Override
        public void sendRaw(String topic, byte[] key, byte[] value) {
            raw.add(value);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        <T> List<T> of(Class<T> type) {
            return records.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private static RecordingSink simulate(SimulatorOptions options) throws Exception {
        RecordingSink sink = new RecordingSink();
        new Simulator(options, REFS, sink, CLOCK).run();
        return sink;
    }

    @Test
    void schoolsCoverEveryDistrictAndEveryRecordKeepsTheRules() throws Exception {
        RecordingSink sink = simulate(new SimulatorOptions(300, 10, 0, 1.0, 7, 0, 0));

        List<SchoolProfile> schools = sink.of(SchoolProfile.class);
        assertThat(schools).hasSize(300);
        assertThat(schools.stream().map(SchoolProfile::getDistrict).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Set.of(District.values()).stream().map(District::key).toList());
        assertThat(schools).anyMatch(SchoolProfile::getRural).anyMatch(s -> !s.getRural());

        RecordRules rules = new RecordRules(CLOCK);
        assertThat(sink.records).allSatisfy(r -> assertThat(rules.check(r)).as(r.toString()).isEmpty());
        assertThat(sink.of(MealReport.class).stream().map(MealReport::getDate).distinct()).hasSize(10);
    }

    @Test
    void faultsIncludeRetriesCorrectionsAndBrokenRecordsButNoRawStudentNumbers() throws Exception {
        RecordingSink sink = simulate(new SimulatorOptions(300, 10, 0, 3.0, 11, 0, 0));
        List<MealReport> meals = sink.of(MealReport.class);

        Map<String, Long> perId = meals.stream().collect(Collectors.groupingBy(MealReport::getReportId, Collectors.counting()));
        assertThat(perId.values()).as("retries resend the same reportId").contains(2L);
        assertThat(meals).as("corrections carry a new reportId").anyMatch(m -> m.getReportId().endsWith("-meal-2"));
        assertThat(sink.raw).as("broken records").isNotEmpty();

        List<StudentStatusEvent> events = sink.of(StudentStatusEvent.class);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(StudentRefs.isRef(e.getStudentRef())).isTrue();
            assertThat(StudentRefs.looksLikeRawIdentifier(e.getStudentRef())).isFalse();
        });
    }

    @Test
    void dropoutsAreRareAndAbsenceStreaksMostlyEndByThemselves() throws Exception {
        SimulatorOptions options = new SimulatorOptions(300, 60, 0, 0, 3, 0, 0);
        RecordingSink sink = simulate(options);
        long pupils = 0;
        Simulator sim = new Simulator(options, REFS, new RecordingSink(), CLOCK);
        for (SimulatedSchool s : sim.schools()) {
            pupils += s.enrolled();
        }
        Map<StudentStatus, Long> byStatus = sink.of(StudentStatusEvent.class).stream()
                .collect(Collectors.groupingBy(StudentStatusEvent::getStatus, Collectors.counting()));
        long dropouts = byStatus.getOrDefault(StudentStatus.DROPPED_OUT, 0L);
        // A few per 10,000 pupils per term (60 school days is about two thirds of a term).
        assertThat(dropouts * 10_000.0 / pupils).isBetween(0.5, 20.0);
        assertThat(byStatus.getOrDefault(StudentStatus.RETURNED, 0L)).isPositive();
        assertThat(byStatus.get(StudentStatus.ATTENDING)).as("streaks that end by themselves")
                .isGreaterThan(dropouts * 5);
    }

    @Test
    void madeUpStudentNumbersHaveTheRealStructureSoALeakWouldBeCaught() {
        SimulatedSchool school = new SchoolFactory(new java.util.Random(1)).create(8).get(5);
        Set<String> numbers = new java.util.HashSet<>();
        for (int pupil = 0; pupil < 3000; pupil++) {
            String number = Pupils.studentNumber(school, pupil);
            numbers.add(number);
            // The check character by the standard's weights (2^(17-i) mod 11), written here, not taken from main.
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (number.charAt(1 + i) - '0') * (int) (Math.pow(2, 17 - i) % 11);
            }
            assertThat(number.charAt(18)).isEqualTo("10X98765432".charAt(sum % 11));
            assertThat(StudentRefs.looksLikeRawIdentifier(number)).as(number).isTrue();
        }
        assertThat(numbers).as("one number per pupil").hasSize(3000);
    }

    @Test
    void schoolDaysFollowTheSchoolCalendarHolidaysAndMakeUpDays() throws Exception {
        // Saturday 10 October 2026 is a make-up school day (调休); 1-7 October the National Day holiday.
        Clock makeUpDay = Clock.fixed(Instant.parse("2026-10-10T04:00:00Z"), ZoneOffset.UTC);
        RecordingSink sink = new RecordingSink();
        new Simulator(new SimulatorOptions(40, 4, 0, 0, 5, 0, 0), REFS, sink, makeUpDay).run();
        assertThat(sink.of(MealReport.class).stream().map(MealReport::getDate).distinct().sorted())
                .containsExactly(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 9),
                        LocalDate.of(2026, 10, 10));

        // Sunday 4 October 2026, in the holiday: the days end at the last school day before it.
        Clock holiday = Clock.fixed(Instant.parse("2026-10-04T04:00:00Z"), ZoneOffset.UTC);
        RecordingSink before = new RecordingSink();
        new Simulator(new SimulatorOptions(40, 2, 0, 0, 5, 0, 0), REFS, before, holiday).run();
        assertThat(before.of(MealReport.class).stream().map(MealReport::getDate).distinct().sorted())
                .containsExactly(LocalDate.of(2026, 9, 29), LocalDate.of(2026, 9, 30));
    }

    @Test
    void oneCareReportPerSchoolAndMonthOfTheSimulatedDays() throws Exception {
        Simulator sim = new Simulator(new SimulatorOptions(300, 30, 0, 3.0, 13, 0, 0), REFS, new RecordingSink(), CLOCK);
        RecordingSink sink = new RecordingSink();
        Simulator simulator = new Simulator(new SimulatorOptions(300, 30, 0, 3.0, 13, 0, 0), REFS, sink, CLOCK);
        simulator.run();
        Set<String> months = sink.of(MealReport.class).stream().map(m -> YearMonth.from(m.getDate()).toString())
                .collect(Collectors.toSet());
        assertThat(months).containsExactlyInAnyOrder("2026-10", "2026-11");

        List<CareReport> reports = sink.of(CareReport.class);
        Map<String, CareReport> first = new java.util.HashMap<>();
        reports.stream().filter(r -> r.getReportId().endsWith("-1")).forEach(r -> first.putIfAbsent(r.getReportId(), r));
        for (SimulatedSchool school : sim.schools()) {
            for (String month : months) {
                CareReport r = first.get(school.id() + "-care-" + month + "-1");
                assertThat(r).as(school.id() + " " + month).isNotNull();
                assertThat(r.getMonth()).isEqualTo(month);
                assertThat(r.getRegistered()).isEqualTo(school.leftBehind());
                assertThat(r.getContacted()).isBetween(0, r.getRegistered());
                if (r.getRegistered() == 0) {
                    assertThat(r.getContacted() + r.getHomeVisits() + r.getCounselingSessions()
                            + r.getParentSessions()).isZero();
                    assertThat(r.getCareRoomOperating()).isFalse();
                }
            }
        }
        Map<String, SchoolProfile> profiles = sink.of(SchoolProfile.class).stream()
                .collect(Collectors.toMap(SchoolProfile::getSchoolId, p -> p));
        assertThat(first.values()).as("most reach every child").anyMatch(r -> r.getRegistered() > 0
                && r.getContacted() == r.getRegistered()).as("some fall short")
                .anyMatch(r -> r.getContacted() < r.getRegistered())
                .as("a rural school with left-behind children and no care room")
                .anyMatch(r -> r.getRegistered() > 0 && !r.getCareRoomOperating()
                        && profiles.get(r.getSchoolId()).getRural());
        assertThat(first.values().stream().filter(r -> r.getRegistered() > 0 && !r.getCareRoomOperating()).count())
                .as("only a few").isLessThan(first.size() / 10);

        List<CareReport> corrections = reports.stream().filter(r -> r.getReportId().endsWith("-2")).toList();
        assertThat(corrections).isNotEmpty().allSatisfy(c -> {
            CareReport sent = first.get(c.getReportId().replaceFirst("-2$", "-1"));
            assertThat(c.getMonth()).isEqualTo(sent.getMonth());
            assertThat(c.getContacted() > sent.getContacted()
                    || c.getCareRoomOperating() && !sent.getCareRoomOperating()
                    || c.getHomeVisits() > sent.getHomeVisits()).as(c.toString()).isTrue();
        });
        RecordRules rules = new RecordRules(CLOCK);
        assertThat(reports).allSatisfy(r -> assertThat(rules.check(r)).isEmpty());
    }

    @Test
    void aMonthIsReportedOnceItsSimulatedDaysAre() throws Exception {
        RecordingSink sink = simulate(new SimulatorOptions(40, 30, 0, 0, 13, 0, 0));
        int lastOctoberMeal = -1;
        int firstNovemberMeal = -1;
        int octoberCare = -1;
        for (int i = 0; i < sink.records.size(); i++) {
            Object r = sink.records.get(i);
            if (r instanceof MealReport m && m.getDate().getMonthValue() == 10) {
                lastOctoberMeal = i;
            } else if (r instanceof MealReport m && firstNovemberMeal < 0 && m.getDate().getMonthValue() == 11) {
                firstNovemberMeal = i;
            } else if (r instanceof CareReport c && c.getMonth().equals("2026-10")) {
                octoberCare = i;
            }
        }
        assertThat(octoberCare).isGreaterThan(lastOctoberMeal).isLessThan(firstNovemberMeal);
        assertThat(sink.of(CareReport.class)).hasSize(80);
    }

    @Test
    void theSameSeedGivesTheSameRecords() throws Exception {
        SimulatorOptions options = new SimulatorOptions(40, 3, 0, 1.0, 5, 0, 0);
        Function<RecordingSink, List<String>> ids = s -> s.records.stream().map(Object::toString).toList();
        assertThat(ids.apply(simulate(options))).isEqualTo(ids.apply(simulate(options)));
    }
}
