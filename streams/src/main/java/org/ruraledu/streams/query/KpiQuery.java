package org.ruraledu.streams.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ruraledu.contract.Kpi;

/**
 * {@code GET /v1/kpis?scope=&metric=&period=&from=&to=}: every parameter optional; from/to bound periodStart
 * (inclusive ISO dates). The store is keyed {@code scope|metric|period|periodStart}, so the given leading
 * parameters narrow a prefix scan instead of reading every KPI.
 */
record KpiQuery(String scope, String metric, String period, LocalDate from, LocalDate to) {

    static KpiQuery parse(String scope, String metric, String period, String from, String to) {
        return new KpiQuery(blankToNull(scope), blankToNull(metric), blankToNull(period), date("from", from),
                date("to", to));
    }

    List<Kpi> run(ReadOnlyKeyValueStore<String, Kpi> store) {
        List<Kpi> found = new ArrayList<>();
        try (KeyValueIterator<String, Kpi> it = store.prefixScan(prefix(), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, Kpi> next = it.next();
                if (matches(next.value)) {
                    found.add(next.value);
                }
            }
        }
        return found;
    }

    /** The longest key prefix the parameters fix, e.g. {@code wendeng|meals.coverage|}. */
    private String prefix() {
        StringBuilder prefix = new StringBuilder();
        for (String part : new String[] {scope, metric, period}) {
            if (part == null) {
                break;
            }
            prefix.append(part).append('|');
        }
        return prefix.toString();
    }

    private boolean matches(Kpi kpi) {
        return (scope == null || scope.equals(kpi.scope()))
                && (metric == null || metric.equals(kpi.metric()))
                && (period == null || period.equals(kpi.period()))
                && (from == null || !kpi.periodStart().isBefore(from))
                && (to == null || !kpi.periodStart().isAfter(to));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static LocalDate date(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadQueryException(name + " must be an ISO date YYYY-MM-DD, got '" + value + "'");
        }
    }
}
