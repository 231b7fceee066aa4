package org.ruraledu.streams.kpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.contract.District;
import org.ruraledu.serde.JsonSerde;

/**
 * Rolls school figures up to district and city, per calendar period, for any metric: each
 * {@link FigureChange} fans out to its cells ({scope}|{period}|{periodStart}), is repartitioned by cell, and
 * each cell's {@link Tally} subtracts the old figure and adds the new one.
 *
 * <p>Names (stable across upgrades): {@code {name}-rollup-fanout}, repartition topic
 * {@code {app}-{name}-rollup-repartition}, {@code {name}-rollup-aggregate}, store {@code {name}-rollup-store}.
 */
public final class Rollup {
    private static final JsonSerde<Contribution> CONTRIBUTIONS = new JsonSerde<>(Contribution.class);
    private static final JsonSerde<Tally> TALLIES = new JsonSerde<>(Tally.class);

    private final String name;
    private final List<Period> periods;

    public Rollup(String name, List<Period> periods) {
        this.name = name;
        this.periods = List.copyOf(periods);
    }

    public static String storeName(String name) {
        return name + "-rollup-store";
    }

    public KTable<String, Tally> aggregate(KStream<?, FigureChange> changes) {
        return changes
                .flatMap((key, change) -> contributions(change), Named.as(name + "-rollup-fanout"))
                .groupByKey(Grouped.with(name + "-rollup", Serdes.String(), CONTRIBUTIONS))
                .aggregate(Tally::empty, (cell, contribution, tally) -> tally.apply(contribution),
                        Named.as(name + "-rollup-aggregate"),
                        Materialized.<String, Tally, KeyValueStore<Bytes, byte[]>>as(storeName(name))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(TALLIES));
    }

    /** One contribution per cell touched by the old or the new figure (they differ if the district changed). */
    List<KeyValue<String, Contribution>> contributions(FigureChange change) {
        Map<String, Contribution> byCell = new LinkedHashMap<>();
        if (change.before() != null) {
            SchoolFigure before = change.before();
            cells(before).forEach(cell -> byCell.put(cell, new Contribution(before.schoolId(), before.counts(), null)));
        }
        if (change.after() != null) {
            SchoolFigure after = change.after();
            cells(after).forEach(cell -> byCell.merge(cell, new Contribution(after.schoolId(), null, after.counts()),
                    (old, added) -> new Contribution(added.schoolId(), old.before(), added.after())));
        }
        List<KeyValue<String, Contribution>> out = new ArrayList<>();
        byCell.forEach((cell, contribution) -> out.add(KeyValue.pair(cell, contribution)));
        return out;
    }

    private List<String> cells(SchoolFigure figure) {
        List<String> cells = new ArrayList<>();
        for (String scope : List.of(figure.district(), District.CITY)) {
            for (Period period : periods) {
                cells.add(new RollupKey(scope, period, period.start(figure.date())).toString());
            }
        }
        return cells;
    }
}
