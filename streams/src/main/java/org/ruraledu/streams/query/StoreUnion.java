package org.ruraledu.streams.query;

import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Several stores of the same kind (one per domain) read as one: their keys never overlap (each key names its
 * domain's metric or alert type), so a lookup takes the first hit and a scan merges them in key order. Scans are
 * read into memory: the query API's answers are bounded anyway (filters, open alerts, KPI cells).
 */
final class StoreUnion<V> implements ReadOnlyKeyValueStore<String, V> {
    private final List<ReadOnlyKeyValueStore<String, V>> stores;

    StoreUnion(List<ReadOnlyKeyValueStore<String, V>> stores) {
        this.stores = List.copyOf(stores);
    }

    @Override
    public V get(String key) {
        for (ReadOnlyKeyValueStore<String, V> store : stores) {
            V value = store.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return merged(store -> store.range(from, to));
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return merged(ReadOnlyKeyValueStore::all);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return merged(store -> store.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return stores.stream().mapToLong(ReadOnlyKeyValueStore::approximateNumEntries).sum();
    }

    private KeyValueIterator<String, V> merged(Function<ReadOnlyKeyValueStore<String, V>, KeyValueIterator<String, V>> scan) {
        TreeMap<String, V> entries = new TreeMap<>();
        for (ReadOnlyKeyValueStore<String, V> store : stores) {
            try (KeyValueIterator<String, V> it = scan.apply(store)) {
                it.forEachRemaining(kv -> entries.putIfAbsent(kv.key, kv.value));
            }
        }
        return SortedEntries.iterator(entries);
    }
}
