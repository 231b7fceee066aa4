package org.ruraledu.streams.query;

import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/** Entries already read into memory, handed out as a store's iterator in key order. */
public final class SortedEntries {
    private SortedEntries() {}

    public static <V> KeyValueIterator<String, V> iterator(SortedMap<String, V> entries) {
        Iterator<Map.Entry<String, V>> it = entries.entrySet().iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<String, V> next;

            @Override
            public boolean hasNext() {
                return next != null || it.hasNext();
            }

            @Override
            public KeyValue<String, V> next() {
                Map.Entry<String, V> entry = next != null ? next : it.next();
                next = null;
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public String peekNextKey() {
                if (next == null) {
                    next = it.next();
                }
                return next.getKey();
            }

            @Override
            public void close() {}
        };
    }
}
