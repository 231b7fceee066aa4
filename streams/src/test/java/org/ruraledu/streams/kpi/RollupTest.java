package org.ruraledu.streams.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.streams.Retention;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;

/** The rollup arithmetic, targets and KPI figures, without Kafka. */
class RollupTest {
    private static final LocalDate MON = LocalDate.parse("2026-03-02");

    @Test
    void aChangeTouchesEveryDistrictCellOfOldAndNewFigureOnce() {
        SchoolCells cells = schoolCells(Counting.summed(PERIODS, Period.DAY));
        SchoolFigure before = new SchoolFigure("s", "wendeng", LocalDate.parse("2026-03-04"), counts(1));
        SchoolFigure after = new SchoolFigure("s", "rushan", LocalDate.parse("2026-03-04"), counts(2));
        cells.process(new Record<>("s", new FigureChange(null, before), 0));
        context.resetForwards();

        cells.process(new Record<>("s", new FigureChange(before, after), 0));

        List<KeyValue<String, Contribution>> out = forwarded();
        assertThat(out).extracting(kv -> kv.key).containsExactly(
                "wendeng|day|2026-03-04", "rushan|day|2026-03-04", "wendeng|week|2026-03-02",
                "rushan|week|2026-03-02", "wendeng|month|2026-03-01", "rushan|month|2026-03-01",
                "wendeng|term|2026-03-02", "rushan|term|2026-03-02");
        Contribution leaving = out.get(0).value;
        Contribution joining = out.get(1).value;
        assertThat(leaving.delta()).isEqualTo(Counts.of(Map.of("n", -1)));
        assertThat(leaving.schools()).isEqualTo(-1);
        assertThat(joining.delta()).isEqualTo(counts(2));
        assertThat(joining.schools()).isEqualTo(1);
        assertThat(leaving.citySchools() + joining.citySchools()).as("still one school in the city").isZero();
    }

    @Test
    void tallyCountsDistinctSchoolsAndForgetsAWithdrawnOne() {
        SchoolCells cells = schoolCells(Counting.summed(PERIODS, Period.MONTH));
        SchoolFigure a1 = new SchoolFigure("a", "wendeng", LocalDate.parse("2026-03-02"), counts(3));
        SchoolFigure a2 = new SchoolFigure("a", "wendeng", LocalDate.parse("2026-03-03"), counts(4));
        SchoolFigure b1 = new SchoolFigure("b", "wendeng", LocalDate.parse("2026-03-02"), counts(5));
        Tally tally = Tally.empty();
        for (FigureChange change : List.of(new FigureChange(null, a1), new FigureChange(null, a2),
                new FigureChange(null, b1))) {
            cells.process(new Record<>("x", change, 0));
        }
        for (KeyValue<String, Contribution> kv : forwarded()) {
            if (kv.key.contains("|month|")) {
                tally = tally.apply(kv.value);
            }
        }
        assertThat(tally.schools()).isEqualTo(2);
        assertThat(tally.total("n")).isEqualTo(12);
        context.resetForwards();

        cells.process(new Record<>("x", new FigureChange(b1, null), 0));
        cells.process(new Record<>("x", new FigureChange(a1, new SchoolFigure("a", "wendeng", a1.date(), counts(1))), 0));
        for (KeyValue<String, Contribution> kv : forwarded()) {
            if (kv.key.contains("|month|")) {
                tally = tally.apply(kv.value);
            }
        }
        assertThat(tally.schools()).isEqualTo(1);
        assertThat(tally.total("n")).isEqualTo(5);
    }

    @Test
    void aSchoolsOwnCellSumsItsFiguresWhereverTheyWereCountedAndEmptiesWhenTheyAreWithdrawn() {
        SchoolCells cells = schoolCells(Counting.summed(PERIODS, Period.DAY));
        SchoolFigure monday = new SchoolFigure("s", "wendeng", LocalDate.parse("2026-03-02"), counts(3));
        SchoolFigure tuesday = new SchoolFigure("s", "rushan", LocalDate.parse("2026-03-03"), counts(4));
        cells.process(new Record<>("s", new FigureChange(null, monday), 0));
        cells.process(new Record<>("s", new FigureChange(null, tuesday), 0));

        Map<String, Tally> own = latest(ownCells());
        assertThat(own.get("school:s|month|2026-03-01")).isEqualTo(new Tally(counts(7), 1, 0));
        assertThat(own.get("school:s|week|2026-03-02")).isEqualTo(new Tally(counts(7), 1, 0));
        assertThat(own.get("school:s|term|2026-03-02")).isEqualTo(new Tally(counts(7), 1, 0));
        assertThat(own.get("school:s|day|2026-03-03")).isEqualTo(new Tally(counts(4), 1, 0));
        context.resetForwards();

        cells.process(new Record<>("s", new FigureChange(tuesday, null), 0));
        cells.process(new Record<>("s", new FigureChange(monday, null), 0));

        assertThat(latest(ownCells())).as("no figure left: no school in its own cells").containsOnlyKeys(
                "school:s|day|2026-03-02", "school:s|day|2026-03-03", "school:s|week|2026-03-02",
                "school:s|month|2026-03-01", "school:s|term|2026-03-02")
                .allSatisfy((cell, tally) -> assertThat(tally).isEqualTo(Tally.empty()));
    }

    @Test
    void aFigureIsTakenAwayOnlyWhereItWasCounted() {
        SchoolCells cells = schoolCells(Counting.summed(PERIODS, Period.DAY));
        SchoolFigure never = new SchoolFigure("s", "wendeng", LocalDate.parse("2026-03-02"), counts(5));
        SchoolFigure now = new SchoolFigure("s", "wendeng", LocalDate.parse("2026-03-02"), counts(2));

        cells.process(new Record<>("s", new FigureChange(never, now), 0));

        assertThat(forwarded()).allSatisfy(kv -> {
            assertThat(kv.value.delta()).as(kv.key).isEqualTo(counts(2));
            assertThat(kv.value.schools()).isEqualTo(1);
        });
    }

    @Test
    void aVacationDayAndAMonthWithoutATermDayCountInNoTerm() {
        SchoolCells days = schoolCells(Counting.summed(PERIODS, Period.DAY));
        days.process(new Record<>("s", new FigureChange(null,
                new SchoolFigure("s", "wendeng", LocalDate.parse("2026-08-03"), counts(1))), 0));
        assertThat(forwarded()).extracting(kv -> kv.key).containsExactly("wendeng|day|2026-08-03",
                "wendeng|week|2026-08-03", "wendeng|month|2026-08-01");
    }

    @Test
    void membershipsWrittenBeforeSchoolScopesAreReadWithoutTheSchoolsCounters() {
        // Format 1: {1, figures: 1 entry "wendeng" -> 2}, as the earlier version wrote it.
        byte[] older = {1, 2, 14, 'w', 'e', 'n', 'd', 'e', 'n', 'g', 4};
        SchoolCells.CellMembership read = RollupSerdes.MEMBERSHIPS.deserializer().deserialize("t", older);
        assertThat(read.figures()).containsExactly(Map.entry("wendeng", 2L));
        assertThat(read.totals()).isNull();
        assertThat(read.ownTally()).as("not known: not published").isNull();

        SchoolCells.CellMembership now = new SchoolCells.CellMembership(read.figures(), counts(7), null);
        assertThat(RollupSerdes.MEMBERSHIPS.deserializer().deserialize("t",
                RollupSerdes.MEMBERSHIPS.serializer().serialize("t", now))).isEqualTo(now);
    }

    @Test
    void membershipsWrittenBeforeTheirTimeWasKeptAreReadWithTheirCountersAndNoTime() {
        // Format 2: {2, figures: "wendeng" -> 2, totals: {"n" -> 7}}, as the earlier version wrote it.
        byte[] older = {2, 2, 14, 'w', 'e', 'n', 'd', 'e', 'n', 'g', 4, 1, 2, 2, 'n', 14};
        SchoolCells.CellMembership read = RollupSerdes.MEMBERSHIPS.deserializer().deserialize("t", older);
        assertThat(read.figures()).containsExactly(Map.entry("wendeng", 2L));
        assertThat(read.totals()).isEqualTo(counts(7));
        assertThat(read.updatedAt()).isNull();

        SchoolCells.CellMembership now = read.at(Instant.parse("2026-03-10T02:00:00.123Z"));
        assertThat(RollupSerdes.MEMBERSHIPS.deserializer().deserialize("t",
                RollupSerdes.MEMBERSHIPS.serializer().serialize("t", now))).isEqualTo(now);
        assertThat(now.computedOn()).as("the day in Weihai").isEqualTo(LocalDate.parse("2026-03-10"));
    }

    private static <V> Map<String, V> latest(List<KeyValue<String, V>> records) {
        Map<String, V> latest = new java.util.LinkedHashMap<>();
        records.forEach(kv -> latest.put(kv.key, kv.value));
        return latest;
    }

    private static final Periods PERIODS = new Periods(SchoolCalendar.builtIn());
    private final MockProcessorContext<String, CellUpdate> context = new MockProcessorContext<>();

    private SchoolCells schoolCells(Counting counting) {
        KeyValueStore<String, SchoolCells.CellMembership> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SchoolCells.storeName("t")), Serdes.String(), RollupSerdes.MEMBERSHIPS)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        SchoolCells cells = new SchoolCells(SchoolCells.storeName("t"), counting, true, new Retention(400),
                Clock.systemUTC());
        cells.init(context);
        return cells;
    }

    /** The contributions to district cells forwarded, in order. */
    private List<KeyValue<String, Contribution>> forwarded() {
        return context.forwarded().stream().filter(f -> f.record().value() instanceof CellUpdate.ToDistrict)
                .map(f -> KeyValue.pair(f.record().key(),
                        ((CellUpdate.ToDistrict) f.record().value()).contribution())).toList();
    }

    /** The schools' own cells forwarded, in order. */
    private List<KeyValue<String, Tally>> ownCells() {
        return context.forwarded().stream().filter(f -> f.record().value() instanceof CellUpdate.OfSchool)
                .map(f -> KeyValue.pair(f.record().key(), ((CellUpdate.OfSchool) f.record().value()).after()))
                .toList();
    }

    @Test
    void standingFiguresHaveOneCellDatedTheDayTheyAreComputed() {
        SchoolCells cells = schoolCells(Counting.standing(PERIODS));
        SchoolFigure open = new SchoolFigure("s", "nanhai", null, counts(2));
        cells.process(new Record<>("s", new FigureChange(null, open), 0));
        assertThat(forwarded()).extracting(kv -> kv.key).containsExactly("nanhai|current|");
        assertThat(Rollup.cityCell("nanhai|current|")).isEqualTo("city|current|");
        assertThat(RollupKey.parse("nanhai|current|")).isEqualTo(new RollupKey("nanhai", Period.CURRENT, null));

        Instant evening = Instant.parse("2026-03-09T17:00:00Z"); // 01:00 on the 10th in Weihai
        Measurements kpis = new Measurements(Targets.of(List.of()));
        Kpi kpi = kpis.measure(RollupKey.parse("city|current|"), Tally.empty().apply(Contribution.replacing(null,
                counts(2))), Metric.count("x.open", "n"), evening);
        assertThat(kpi.period()).isEqualTo("current");
        assertThat(kpi.periodStart()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(kpi.key()).isEqualTo("city|x.open|current|2026-03-10");
        assertThat(kpi.status()).isEqualTo(KpiStatus.NO_TARGET);
    }

    @Test
    void ratesAndEmptyCells() {
        Measurements kpis = new Measurements(Targets.of(List.of()));
        Tally tally = Tally.empty().apply(Contribution.replacing(null,
                Counts.of(Map.of("open", 3, "enrolled", 1500))));
        Kpi rate = kpis.measure(new RollupKey("city", Period.DAY, MON), tally,
                Metric.rate("x.rate_per_10k", "open", "enrolled", 10_000), Instant.EPOCH);
        assertThat(rate.value()).isEqualTo(20.0);
        assertThat(rate.numerator()).isEqualTo(3.0);
        assertThat(rate.denominator()).isEqualTo(1500.0);

        Kpi none = kpis.measure(new RollupKey("city", Period.DAY, MON), Tally.empty(),
                Metric.ratio("x.ratio", "open", "enrolled"), Instant.EPOCH);
        assertThat(none.status()).isEqualTo(KpiStatus.NO_DATA);
        assertThat(none.value()).isZero();
    }

    @Test
    void targetStatusBeforeAndAfterTheDeadline() {
        LocalDate deadline = LocalDate.parse("2025-12-31");
        Target atLeast = new Target("t1", 38, "m", 1.0, Target.Direction.AT_LEAST, deadline, 0.05);
        assertThat(atLeast.judge(1.0, MON)).isEqualTo(KpiStatus.MET);
        assertThat(atLeast.judge(0.99, MON)).isEqualTo(KpiStatus.SLIPPED);
        assertThat(atLeast.judge(0.96, LocalDate.parse("2025-06-01"))).isEqualTo(KpiStatus.ON_TRACK);
        assertThat(atLeast.judge(0.90, LocalDate.parse("2025-06-01"))).isEqualTo(KpiStatus.AT_RISK);

        Target zero = new Target("t2", 38, "m2", 0, Target.Direction.AT_MOST, deadline, 0);
        assertThat(zero.judge(0, MON)).isEqualTo(KpiStatus.MET);
        assertThat(zero.judge(2, MON)).isEqualTo(KpiStatus.SLIPPED);
        assertThat(zero.judge(2, deadline)).isEqualTo(KpiStatus.AT_RISK);
    }

    private static Counts counts(long n) {
        return Counts.of(Map.of("n", n));
    }
}
