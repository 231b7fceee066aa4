package org.ruraledu.streams.ingest;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A school's registry entry changed ({@code before} null for a new school, {@code after} null when its entry was
 * deleted). Per-school state that depends on the registry (the standing figures of a school that moves district,
 * or closes) follows these changes in the school's own task: each domain's copy of the registry
 * ({@link DomainRegistry}) is co-partitioned with its input and tells them.
 */
public record RegistryChange(String schoolId, RegisteredSchool before, RegisteredSchool after) {

    /**
     * Files what {@code next} makes of the school's entry in a registry store (null: the school is removed) and
     * tells what changed; nothing when it was so already (a registry record sent again unchanged). The master
     * and every copy keep their stores this one way.
     */
    static Optional<RegistryChange> file(KeyValueStore<String, RegisteredSchool> store, String schoolId,
            UnaryOperator<RegisteredSchool> next) {
        RegisteredSchool before = store.get(schoolId);
        RegisteredSchool after = next.apply(before);
        if (after == null ? before == null : after.sameAs(before)) {
            return Optional.empty();
        }
        if (after == null) {
            store.delete(schoolId);
        } else {
            store.put(schoolId, after);
        }
        return Optional.of(new RegistryChange(schoolId, before, after));
    }
}
