package org.ruraledu.streams.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.alert.TrackedAlert;

/**
 * The state stores the query API reads: a running KafkaStreams instance in production, a TopologyTestDriver in
 * tests. Each call looks the store up again, because a rebalance invalidates earlier handles.
 */
public interface QueryStores {
    ReadOnlyKeyValueStore<String, Kpi> kpis();

    /** Every tracked condition, resolved ones included. */
    ReadOnlyKeyValueStore<String, TrackedAlert> alerts();

    /** The open alerts only (the stores named {@code ...alert-open-store}). */
    ReadOnlyKeyValueStore<String, TrackedAlert> openAlerts();

    /**
     * The stores of the streams client {@code streams} supplies (null until it exists), each of its
     * {@code partitions} partitions (one per task), every store of a kind read as one.
     */
    static QueryStores of(Supplier<KafkaStreams> streams, int partitions, QueryStoreNames names) {
        return of(names, new Lookup() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
                return whole(client(streams), name, partitions);
            }
        });
    }

    /** How to get one store by its name: from a running client, or from a TopologyTestDriver in tests. */
    interface Lookup {
        <V> ReadOnlyKeyValueStore<String, V> store(String name);
    }

    /** The stores {@code names} lists, each kind's stores read as one. */
    static QueryStores of(QueryStoreNames names, Lookup lookup) {
        return new QueryStores() {
            @Override
            public ReadOnlyKeyValueStore<String, Kpi> kpis() {
                List<ReadOnlyKeyValueStore<String, Kpi>> kpis = new ArrayList<>();
                names.kpis().forEach(name -> kpis.add(lookup.store(name)));
                names.kpiViews().forEach(view -> kpis.add(view.over(lookup.store(view.storeName()))));
                return new StoreUnion<>(kpis);
            }

            @Override
            public ReadOnlyKeyValueStore<String, TrackedAlert> alerts() {
                return union(names.alerts(), lookup);
            }

            @Override
            public ReadOnlyKeyValueStore<String, TrackedAlert> openAlerts() {
                return union(names.openAlerts(), lookup);
            }
        };
    }

    private static <V> ReadOnlyKeyValueStore<String, V> union(List<String> names, Lookup lookup) {
        return new StoreUnion<V>(names.stream().map(name -> lookup.<V>store(name)).toList());
    }

    /**
     * The store, once every partition of it is queryable here. Kafka Streams answers from whichever of its tasks
     * are running on this instance: a task being restored (after a rebalance or a reset task), or one that another
     * instance of the application owns, would silently be missing from every answer, figures and all.
     */
    private static <V> ReadOnlyKeyValueStore<String, V> whole(KafkaStreams client, String name, int partitions) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> store =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        for (int partition = 0; partition < partitions; partition++) {
            try {
                client.store(store.withPartition(partition)).approximateNumEntries(); // throws unless queryable here
            } catch (InvalidStateStoreException e) {
                throw new InvalidStateStoreException("partition " + partition + " of " + name + " is not queryable "
                        + "on this instance (restoring, or owned by another instance of the application)");
            }
        }
        return client.store(store);
    }

    private static KafkaStreams client(Supplier<KafkaStreams> streams) {
        KafkaStreams client = streams.get();
        if (client == null) {
            throw new InvalidStateStoreException("the streams client is not created yet");
        }
        return client;
    }
}
