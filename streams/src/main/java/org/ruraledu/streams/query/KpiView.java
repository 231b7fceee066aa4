package org.ruraledu.streams.query;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ruraledu.contract.Kpi;

/**
 * KPIs the query API computes from a store of another shape instead of reading them from a KPI store: a school's
 * own KPIs, from the counters its rollup entries keep ({@code org.ruraledu.streams.kpi.SchoolKpiView}).
 */
public interface KpiView {
    /** The store the KPIs are computed from. */
    String storeName();

    /** {@code store} (one of {@link #storeName()}, every partition read as one) read as KPIs keyed like the topic. */
    ReadOnlyKeyValueStore<String, Kpi> over(ReadOnlyKeyValueStore<String, ?> store);
}
