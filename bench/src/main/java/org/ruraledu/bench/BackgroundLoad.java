package org.ruraledu.bench;

import java.util.List;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.producers.simulator.SimulatedSchool;

/**
 * A steady stream of meal reports at a fixed rate, through the client library, on a thread of its own. Paced
 * every 10 ms against the clock, so a late tick catches up instead of lowering the rate; the rate actually
 * reached is reported, since a shared machine may not keep up.
 */
final class BackgroundLoad implements AutoCloseable {
    private static final long TICK_MILLIS = 10;

    /** What was sent, over how long. */
    record Sent(long records, double seconds) {
        double rate() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private final Thread thread;
    private volatile boolean running = true;
    private volatile Sent sent = new Sent(0, 0);
    private volatile RuntimeException failure;

    BackgroundLoad(Settings settings, List<SimulatedSchool> schools, int perSecond) {
        MealReports reports = new MealReports(schools, "bench-background");
        thread = new Thread(() -> run(settings, reports, perSecond), "bench-background-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Settings settings, MealReports reports, int perSecond) {
        long start = System.nanoTime();
        long records = 0;
        try (SchoolClient client = new SchoolClient(settings)) {
            while (running) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
                for (; records < due; records++) {
                    client.send(reports.next());
                }
                sent = new Sent(records, (System.nanoTime() - start) / 1e9);
                Thread.sleep(TICK_MILLIS);
            }
            sent = new Sent(records, (System.nanoTime() - start) / 1e9); // before close's flush
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Stops, waits until everything sent is acknowledged, and says what was sent. */
    Sent stop() throws InterruptedException {
        running = false;
        thread.join(60_000);
        if (failure != null) {
            throw new IllegalStateException("background load failed: " + failure.getMessage(), failure);
        }
        return sent;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
