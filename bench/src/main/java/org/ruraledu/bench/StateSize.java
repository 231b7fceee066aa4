package org.ruraledu.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * How big an application's state is, two ways. Live state: the latest value of every key of every changelog,
 * deletions removed, which is what the stores hold and what a restore reads once compaction has run; it does not
 * depend on when RocksDB last compacted. On disk: the state directory, as an operator sees it.
 */
final class StateSize {
    /** Live keys and their bytes (key + latest value) over all changelogs, and the bytes of each store. */
    record Live(long keys, long bytes, Map<String, Long> bytesByStore) {}

    private StateSize() {}

    static Live live(Admin admin, Properties clientProperties, String applicationId, Duration timeout) {
        Set<String> changelogs = PipelineRun.internalTopics(admin, applicationId, "-changelog");
        // Per changelog: the same key bytes in two stores are two entries.
        Map<String, Map<ByteBuffer, Integer>> latest = new HashMap<>();
        TopicReader.readAll(clientProperties, changelogs, timeout, r -> {
            Map<ByteBuffer, Integer> store = latest.computeIfAbsent(r.topic(), t -> new HashMap<>());
            ByteBuffer key = ByteBuffer.wrap(r.key() == null ? new byte[0] : r.key());
            if (r.value() == null) {
                store.remove(key);
            } else {
                store.put(key, key.remaining() + r.value().length);
            }
        });
        long keys = latest.values().stream().mapToLong(Map::size).sum();
        long bytes = latest.values().stream().flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum();
        Map<String, Long> byStore = new TreeMap<>();
        latest.forEach((topic, store) -> byStore.put(
                topic.substring(applicationId.length() + 1, topic.length() - "-changelog".length()),
                store.values().stream().mapToLong(Integer::longValue).sum()));
        return new Live(keys, bytes, byStore);
    }

    /** Bytes of every file below the directory. */
    static long onDisk(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(StateSize::sizeOf).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // RocksDB deletes obsolete files while we walk
        }
    }
}
