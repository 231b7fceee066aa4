package org.ruraledu.streams.kpi;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.query.KpiView;
import org.ruraledu.streams.query.SortedEntries;

/**
 * A rollup's school entries ({@link SchoolCells}, {@code {schoolId}|{period}|{periodStart}}) read as the schools'
 * own KPIs ({@code school:{schoolId}|{metric}|{period}|{periodStart}}), computed as the topic gets them
 * ({@link SchoolKpis}): the same figures, targets and statuses. {@code updatedAt} is when the school's figures of
 * the period last changed (on the topic, a metric that did not change then keeps its earlier record); for figures
 * last changed before this was kept (an upgrade), it is 1970-01-01T00:00:00Z.
 */
final class SchoolKpiView implements ReadOnlyKeyValueStore<String, Kpi> {
    private final ReadOnlyKeyValueStore<String, SchoolCells.CellMembership> entries;
    private final SchoolKpis kpis;

    private SchoolKpiView(ReadOnlyKeyValueStore<String, SchoolCells.CellMembership> entries, SchoolKpis kpis) {
        this.entries = entries;
        this.kpis = kpis;
    }

    /** Where the query API finds the schools' KPIs of one rollup: its school entries, in {@code storeName}. */
    static KpiView source(String storeName, SchoolKpis kpis) {
        return new KpiView() {
            @Override
            public String storeName() {
                return storeName;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyKeyValueStore<String, Kpi> over(ReadOnlyKeyValueStore<String, ?> store) {
                return new SchoolKpiView((ReadOnlyKeyValueStore<String, SchoolCells.CellMembership>) store, kpis);
            }
        };
    }

    @Override
    public Kpi get(String key) {
        String[] parts = key.split("\\|", -1);
        if (parts.length != 4 || !Kpi.isSchoolScope(parts[0])) {
            return null;
        }
        String schoolId = parts[0].substring(Kpi.SCHOOL_SCOPE_PREFIX.length());
        Period period;
        try {
            period = Period.byId(parts[2]);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
        String entry = schoolId + "|" + period.id() + "|" + (period.dated() ? parts[3] : "");
        SchoolCells.CellMembership membership = entries.get(entry);
        return membership == null ? null : kpisOf(entry, membership).get(key);
    }

    @Override
    public KeyValueIterator<String, Kpi> range(String from, String to) {
        return read(null, key -> (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0));
    }

    @Override
    public KeyValueIterator<String, Kpi> all() {
        return read(null, key -> true);
    }

    /** A prefix of KPI keys: the entries of the school it names (all of them if it names none yet), filtered. */
    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, Kpi> prefixScan(P prefix, PS prefixKeySerializer) {
        String kpiPrefix = String.valueOf(prefix);
        String entryPrefix = null;
        if (kpiPrefix.startsWith(Kpi.SCHOOL_SCOPE_PREFIX)) {
            String rest = kpiPrefix.substring(Kpi.SCHOOL_SCOPE_PREFIX.length());
            int end = rest.indexOf('|');
            entryPrefix = end < 0 ? rest : rest.substring(0, end + 1);
        } else if (!Kpi.SCHOOL_SCOPE_PREFIX.startsWith(kpiPrefix)) {
            return SortedEntries.iterator(new TreeMap<>()); // a district's or the city's: none here
        }
        return read(entryPrefix, key -> key.startsWith(kpiPrefix));
    }

    @Override
    public long approximateNumEntries() {
        return entries.approximateNumEntries() * kpis.metrics().size();
    }

    /** The KPIs of the entries under {@code entryPrefix} (every entry if null) whose keys {@code keep} takes. */
    private KeyValueIterator<String, Kpi> read(String entryPrefix, Predicate<String> keep) {
        TreeMap<String, Kpi> found = new TreeMap<>();
        try (KeyValueIterator<String, SchoolCells.CellMembership> it = entryPrefix == null ? entries.all()
                : entries.prefixScan(entryPrefix, Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, SchoolCells.CellMembership> entry = it.next();
                kpisOf(entry.key, entry.value).forEach((key, kpi) -> {
                    if (keep.test(key)) {
                        found.put(key, kpi);
                    }
                });
            }
        }
        return SortedEntries.iterator(found);
    }

    private Map<String, Kpi> kpisOf(String entryKey, SchoolCells.CellMembership membership) {
        RollupKey school = RollupKey.parse(entryKey); // {schoolId}|{period}|{start} parses like a cell
        RollupKey cell = new RollupKey(Kpi.schoolScope(school.scope()), school.period(), school.periodStart());
        return kpis.of(cell, membership.ownTally(), membership.updatedAt());
    }
}
