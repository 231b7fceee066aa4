package org.ruraledu.bench;

import java.lang.management.ManagementFactory;

/**
 * The machine's load average while the run lasts, sampled every 5 s: on shared cores the figures are only as
 * good as the machine was quiet, and a reader must be able to tell.
 */
final class LoadWatch implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private double sum;
    private double max;
    private int samples;

    LoadWatch() {
        thread = new Thread(this::sample, "bench-load-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (load >= 0) {
                synchronized (this) {
                    sum += load;
                    max = Math.max(max, load);
                    samples++;
                }
            }
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** e.g. "mean 6.2, max 22.9 (1-minute load average, 2 cores)" */
    synchronized String summary() {
        return samples == 0 ? "unknown" : String.format("mean %.1f, max %.1f (1-minute load average, %d cores)",
                sum / samples, max, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
