package org.ruraledu.topics;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic of the contract with the serdes of its key and value, so that no code names a topic by a string
 * literal or pairs it with the wrong serde.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
    @Override
    public String toString() {
        return name;
    }
}
