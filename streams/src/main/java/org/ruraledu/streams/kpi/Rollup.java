package org.ruraledu.streams.kpi;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.contract.District;
import org.ruraledu.records.RecordRules;
import org.ruraledu.streams.Retention;

/**
 * Rolls school figures up in two levels, the one fan-in path of every domain's KPIs:
 * <ol>
 *   <li>in the school's task, each {@link FigureChange} becomes one {@link Contribution} per district cell
 *       ({district}|{period}|{periodStart}) it touches ({@link SchoolCells}), and only those go through a
 *       repartition, by cell;</li>
 *   <li>each district cell's {@link Tally} adds its contributions (a KTable: the record cache folds a cell's many
 *       updates between two commits into one);</li>
 *   <li>the district cells' updates, few after that folding, roll up into the city cell of the same period (a
 *       KTable aggregate that subtracts a district cell's old tally and adds its new one).</li>
 * </ol>
 * No key carries every school and no cell holds a per-school detail: a cell is a few counters. The school's own
 * cells ({@code school:{schoolId}|{period}|{periodStart}}) come out of the first level, in the school's task
 * ({@link Levels#schools}), unless school scopes are off.
 *
 * <p>Names (stable across upgrades): processor {@code {name}-rollup-schools} (store
 * {@code {name}-rollup-schools-store}), its outputs {@code {name}-rollup-to-districts} and
 * {@code {name}-rollup-school-cells}, repartition {@code {app}-{name}-district-rollup-repartition},
 * {@code {name}-district-rollup-aggregate} (store {@code {name}-district-rollup-store}), repartition
 * {@code {app}-{name}-city-rollup-repartition}, {@code {name}-city-rollup-aggregate} (store
 * {@code {name}-city-rollup-store}).
 *
 * <p>Bounds: district and city stores hold one tally per scope and period cell; cells of periods that ended before
 * the retention horizon are deleted (a district cell when told by {@link SchoolCells}, a city cell on the next
 * update of it, which that deletion causes).
 */
public final class Rollup {
    private final String name;
    private final Counting counting;
    private final boolean schoolScope;
    private final Retention retention;
    private final Clock clock;

    /**
     * The district cells and the city cells of one rollup, and the schools' own cells as they change, before and
     * after, in the schools' tasks (null when school scopes are off).
     */
    public record Levels(KTable<String, Tally> districts, KTable<String, Tally> city,
            KStream<String, CellUpdate.OfSchool> schools) {}

    Rollup(String name, Counting counting, boolean schoolScope, Retention retention, Clock clock) {
        this.name = name;
        this.counting = counting;
        this.schoolScope = schoolScope;
        this.retention = retention;
        this.clock = clock;
    }

    public static String districtStore(String name) {
        return name + "-district-rollup-store";
    }

    public static String cityStore(String name) {
        return name + "-city-rollup-store";
    }

    /** Figure changes keyed by school (in the school's task), rolled up. */
    public Levels aggregate(StreamsBuilder builder, KStream<?, FigureChange> changes) {
        String schools = SchoolCells.storeName(name);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(schools), Serdes.String(),
                RollupSerdes.MEMBERSHIPS));
        @SuppressWarnings("unchecked")
        KStream<Object, FigureChange> bySchool = (KStream<Object, FigureChange>) changes;
        KStream<String, CellUpdate> updates = bySchool.process(
                () -> new SchoolCells(schools, counting, schoolScope, retention, clock), Named.as(name + "-rollup-schools"),
                schools);
        KTable<String, Tally> districts = updates
                .flatMapValues(update -> update instanceof CellUpdate.ToDistrict district
                        ? List.of(district.contribution()) : List.<Contribution>of(), Named.as(name + "-rollup-to-districts"))
                .groupByKey(Grouped.with(name + "-district-rollup", Serdes.String(), RollupSerdes.CONTRIBUTIONS))
                .aggregate(Tally::empty,
                        (cell, contribution, tally) -> contribution.forgets() ? null : tally.apply(contribution),
                        Named.as(name + "-district-rollup-aggregate"), materialized(districtStore(name)));
        KTable<String, Tally> city = districts
                .groupBy((cell, tally) -> KeyValue.pair(cityCell(cell), tally),
                        Grouped.with(name + "-city-rollup", Serdes.String(), RollupSerdes.TALLIES))
                .aggregate(Tally::empty,
                        (cell, district, tally) -> ended(cell) ? null : tally.withDistrict(district, 1),
                        (cell, district, tally) -> ended(cell) ? null : tally.withDistrict(district, -1),
                        Named.as(name + "-city-rollup-aggregate"), materialized(cityStore(name)));
        KStream<String, CellUpdate.OfSchool> ownCells = !schoolScope ? null : updates.flatMapValues(
                update -> update instanceof CellUpdate.OfSchool school ? List.of(school) : List.<CellUpdate.OfSchool>of(),
                Named.as(name + "-rollup-school-cells"));
        return new Levels(districts, city, ownCells);
    }

    private static Materialized<String, Tally, KeyValueStore<Bytes, byte[]>> materialized(String store) {
        return Materialized.<String, Tally, KeyValueStore<Bytes, byte[]>>as(store)
                .withKeySerde(Serdes.String())
                .withValueSerde(RollupSerdes.TALLIES);
    }

    /** The city cell of a district cell: the same period. */
    static String cityCell(String districtCell) {
        RollupKey cell = RollupKey.parse(districtCell);
        return new RollupKey(District.CITY, cell.period(), cell.periodStart()).toString();
    }

    /**
     * Whether the cell's period ended before the retention horizon: its district cells are being forgotten, and
     * what they take away from the city is no change of the figures but the city cell's own end.
     */
    private boolean ended(String cell) {
        RollupKey key = RollupKey.parse(cell);
        LocalDate lastDay = counting.lastDay(key.period(), key.periodStart());
        return lastDay != null && retention.tooOld(lastDay, LocalDate.ofInstant(clock.instant(), RecordRules.ZONE));
    }
}
