package org.ruraledu.streams.query;

import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The stores the query API reads, found in the topology itself by their names' endings: each domain (and each
 * level of a rollup) keeps KPIs and alerts in stores of its own, so that no store fuses two domains' work into
 * one sub-topology, and a domain added later is queried without a change here. Beside them, the KPIs computed from
 * stores of another shape ({@code kpiViews}: the schools' own), which the topology's builder names.
 */
public record QueryStoreNames(List<String> kpis, List<String> alerts, List<String> openAlerts,
        List<KpiView> kpiViews) {
    /** Every store named {@code ...kpi-store} holds {@link org.ruraledu.contract.Kpi}s keyed like the KPI topic. */
    public static final String KPI_SUFFIX = "kpi-store";
    /** Every store named {@code ...alert-lifecycle-store} holds tracked conditions, resolved ones included. */
    public static final String ALERTS_SUFFIX = "alert-lifecycle-store";
    /** Every store named {@code ...alert-open-store} holds the open alerts alone. */
    public static final String OPEN_ALERTS_SUFFIX = "alert-open-store";

    /** The stores of {@code topology} found by their names, and {@code kpiViews}. */
    public static QueryStoreNames of(TopologyDescription topology, List<KpiView> kpiViews) {
        TreeSet<String> stores = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
        }
        return new QueryStoreNames(endingIn(stores, KPI_SUFFIX), endingIn(stores, ALERTS_SUFFIX),
                endingIn(stores, OPEN_ALERTS_SUFFIX), List.copyOf(kpiViews));
    }

    private static List<String> endingIn(TreeSet<String> stores, String suffix) {
        return stores.stream().filter(name -> name.endsWith(suffix)).toList();
    }
}
