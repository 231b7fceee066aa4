package org.ruraledu.streams.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of this instance together, as Kafka Streams' memory-management
 * guide shows: one block cache shared by all stores, in which memtables are counted too (a write buffer manager), so
 * forty-odd stores x partitions no longer each take RocksDB's own defaults (16 MiB memtables x 3, and a block cache
 * each). The budget is {@code streams.rocksdb.memory.bytes}; Kafka passes settings to the setter as configs.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    public static final String MEMORY_BYTES = "ruraledu.rocksdb.memory.bytes";
    private static final double MEMTABLE_SHARE = 0.5;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void ensureShared(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = Long.parseLong(String.valueOf(configs.getOrDefault(MEMORY_BYTES, 64L * 1024 * 1024)));
        ensureShared(bytes);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
        // Small memtables: state per store is small (cells, schools x days); many stores share the budget.
        options.setWriteBufferSize(4L * 1024 * 1024);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store of the JVM: never closed per store.
    }
}
