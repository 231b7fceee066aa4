package org.ruraledu.producers.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command ends on Ctrl-C or SIGTERM: the shutdown hook only asks the command's own thread to
 * stop (and runs an optional nudge, such as telling a simulator to finish its day), then waits until that thread
 * has closed everything. Closing from the hook and the command's thread at once leaves half-closed clients
 * waiting for a broker or a controller that is already gone; a hook that returns early lets the JVM halt before
 * producers have flushed.
 *
 * <pre>
 * try (GracefulStop stop = GracefulStop.install(() -> {})) {
 *     while (!stop.requested(Duration.ofSeconds(10))) { ... check health, print ... }
 * }   // close() releases the waiting hook
 * </pre>
 */
public final class GracefulStop implements AutoCloseable {
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private GracefulStop(Runnable onRequest) {
        this.hook = new Thread(() -> {
            onRequest.run();
            requested.countDown();
            try {
                done.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ruraledu-graceful-stop");
    }

    /** Registers the shutdown hook; {@code onRequest} runs in it first (it must not block). */
    public static GracefulStop install(Runnable onRequest) {
        GracefulStop stop = new GracefulStop(onRequest);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** The shutdown hook itself, for tests that play the JVM's part. */
    Thread hook() {
        return hook;
    }

    /** Waits up to {@code wait}; true once a stop was requested. */
    public boolean requested(Duration wait) throws InterruptedException {
        return requested.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Blocks until a stop is requested. */
    public void awaitRequest() throws InterruptedException {
        requested.await();
    }

    /** The command has closed what it opened: the JVM may exit. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running (that is why we are closing): it now returns.
        }
    }
}
