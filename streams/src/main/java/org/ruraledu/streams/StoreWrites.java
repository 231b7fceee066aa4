package org.ruraledu.streams;

import org.apache.kafka.streams.state.KeyValueStore;

/** Store writes that cost less than the obvious call, for the hot path. */
public final class StoreWrites {
    private StoreWrites() {}

    /**
     * Deletes {@code key} without reading its old value: {@link KeyValueStore#delete} returns the old value, so the
     * store fetches and deserializes it first; a put of null deletes the same way (tombstone in the changelog).
     */
    public static <K, V> void remove(KeyValueStore<K, V> store, K key) {
        store.put(key, null);
    }
}
