package org.ruraledu.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

class RetriableRejectionFilterTest {
    /** The broker's words (Kafka 4.4, ProducerStateManager), as seen in benchmark logs. */
    private static final String REFUSAL = "Invalid sequence number for producer 3 at offset 87035 in partition "
            + "bench-pipeline-meals-rollup-repartition-0: 46 (incoming seq. number). Expected sequence 0 for "
            + "transactions v2 idempotent producer with no existing state.";

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    RetriableRejectionFilterTest() {
        RetriableRejectionFilter filter = new RetriableRejectionFilter();
        filter.start();
        context.addTurboFilter(filter);
        seen.setContext(context);
        seen.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    }

    @Test
    void theRetriedRefusalIsDroppedAndEveryOtherBrokerErrorShows() {
        Logger replicaManager = context.getLogger("kafka.server.ReplicaManager");
        replicaManager.error("Error processing append operation on partition x", new OutOfOrderSequenceException(REFUSAL));
        assertThat(seen.list).isEmpty();

        replicaManager.error("Error processing append operation on partition x",
                new OutOfOrderSequenceException("Out of order sequence number for producer 3: 7 (incoming), 5 (current)"));
        replicaManager.error("Error processing append operation on partition x", new IllegalStateException(REFUSAL));
        context.getLogger("org.ruraledu.Other").error("elsewhere", new OutOfOrderSequenceException(REFUSAL));
        assertThat(seen.list).hasSize(3);
    }

    @Test
    void theProducersRetryOfAConcurrentTransactionIsDroppedAndItsOtherWarningsShow() {
        Logger sender = context.getLogger("org.apache.kafka.clients.producer.internals.Sender");
        // As Kafka's LogContext hands it over: formatted, with the client's prefix (seen in `ruraledu run`).
        String prefix = "[Producer clientId=ruraledu-streams-1-StreamThread-1-producer, transactionalId=ruraledu-streams-1] ";
        sender.warn(prefix + "Got error produce response with correlation id 163 on topic-partition "
                + "ruraledu-streams-enrollment-awaiting-school-store-changelog-2, retrying (2147483646 attempts left). "
                + "Error: CONCURRENT_TRANSACTIONS");
        String format = "{}Got error produce response with correlation id {} on topic-partition {}, retrying ({} "
                + "attempts left). Error: {}";
        sender.warn(format, prefix, 1186, "x-repartition-2", 2147483646, "CONCURRENT_TRANSACTIONS");
        assertThat(seen.list).isEmpty();

        sender.warn(format, prefix, 1187, "x-repartition-2", 2147483646, "NOT_LEADER_OR_FOLLOWER");
        sender.warn(prefix + "Received invalid metadata error in produce request on partition x-0 due to "
                + "CONCURRENT_TRANSACTIONS");
        assertThat(seen.list).hasSize(2);
    }

    @Test
    void aRegistrationRetriedWhileTheControllerTakesOfficeIsDropped() {
        Logger controller = context.getLogger("kafka.server.ControllerApis");
        controller.error("[ControllerApis nodeId=1] Unexpected error handling request RequestHeader(apiKey="
                + "CONTROLLER_REGISTRATION)", new java.util.concurrent.CompletionException(
                new NotControllerException("The active controller appears to be node 1.")));
        assertThat(seen.list).isEmpty();
        controller.error("[ControllerApis nodeId=1] Unexpected error handling request",
                new java.util.concurrent.CompletionException(new IllegalStateException("disk")));
        assertThat(seen.list).hasSize(1);
    }

    @Test
    void atDebugEveryRefusalShows() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
        context.getLogger("kafka.server.ReplicaManager").error("Error processing append operation on partition x",
                new OutOfOrderSequenceException(REFUSAL));
        assertThat(seen.list).hasSize(1);
    }
}
