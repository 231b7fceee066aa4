package org.ruraledu.streams.query;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.alert.AlertLifecycle;
import org.ruraledu.streams.alert.TrackedAlert;
import org.ruraledu.streams.kpi.Kpis;

/**
 * The state stores the query API reads: a running KafkaStreams instance in production, a TopologyTestDriver in
 * tests. Each call looks the store up again, because a rebalance invalidates earlier handles.
 */
public interface QueryStores {
    ReadOnlyKeyValueStore<String, Kpi> kpis();

    /** Every tracked condition, resolved ones included. */
    ReadOnlyKeyValueStore<String, TrackedAlert> alerts();

    /** The open alerts only ({@link AlertLifecycle#OPEN_STORE}). */
    ReadOnlyKeyValueStore<String, TrackedAlert> openAlerts();

    /** The stores of the streams client {@code streams} supplies (null until it exists). */
    static QueryStores of(Supplier<KafkaStreams> streams) {
        return new QueryStores() {
            @Override
            public ReadOnlyKeyValueStore<String, Kpi> kpis() {
                return client(streams).store(StoreQueryParameters.fromNameAndType(Kpis.STORE,
                        QueryableStoreTypes.<String, Kpi>keyValueStore()));
            }

            @Override
            public ReadOnlyKeyValueStore<String, TrackedAlert> alerts() {
                return client(streams).store(StoreQueryParameters.fromNameAndType(AlertLifecycle.STORE,
                        QueryableStoreTypes.<String, TrackedAlert>keyValueStore()));
            }

            @Override
            public ReadOnlyKeyValueStore<String, TrackedAlert> openAlerts() {
                return client(streams).store(StoreQueryParameters.fromNameAndType(AlertLifecycle.OPEN_STORE,
                        QueryableStoreTypes.<String, TrackedAlert>keyValueStore()));
            }
        };
    }

    private static KafkaStreams client(Supplier<KafkaStreams> streams) {
        KafkaStreams client = streams.get();
        if (client == null) {
            throw new InvalidStateStoreException("the streams client is not created yet");
        }
        return client;
    }
}
