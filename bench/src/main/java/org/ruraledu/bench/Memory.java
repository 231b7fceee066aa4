package org.ruraledu.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of this JVM, which holds everything of the run (broker, streams, gateway, load generators): so the
 * figures are an upper bound for the streams application alone.
 */
final class Memory {
    /** Heap in use right after a full collection, the heap limit, and resident / peak resident memory. */
    record Sample(long heapAfterGcBytes, long heapMaxBytes, long rssBytes, long peakRssBytes) {}

    private Memory() {}

    static Sample sample() {
        // Live data, not garbage waiting for the next collection.
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Sample(heap, Runtime.getRuntime().maxMemory(), procStatus("VmRSS:"), procStatus("VmHWM:"));
    }

    /** A kB line of /proc/self/status, in bytes; NaN-like -1 where there is no /proc (not Linux). */
    private static long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return -1;
    }
}
