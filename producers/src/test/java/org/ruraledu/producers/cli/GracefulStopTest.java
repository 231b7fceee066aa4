package org.ruraledu.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    @Test
    void theHookAsksForAStopAndWaitsUntilTheCommandHasClosedEverything() throws Exception {
        AtomicBoolean nudged = new AtomicBoolean();
        GracefulStop stop = GracefulStop.install(() -> nudged.set(true));
        Thread jvmExit = new Thread(stop.hook()); // what the JVM does on Ctrl-C
        try {
            assertThat(stop.requested(Duration.ofMillis(10))).isFalse();
            jvmExit.start();

            assertThat(stop.requested(Duration.ofSeconds(5))).isTrue();
            assertThat(nudged).isTrue();
            jvmExit.join(200);
            assertThat(jvmExit.isAlive()).as("the hook waits while the command is still closing").isTrue();
        } finally {
            stop.close();
        }
        jvmExit.join(5_000);
        assertThat(jvmExit.isAlive()).isFalse();
    }
}
