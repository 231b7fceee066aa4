package org.ruraledu.embedded;

/**
 * One broker per JVM, started on first use and stopped when the JVM exits: integration tests share it and
 * keep apart through unique topic names and application ids.
 */
public final class SharedBroker {
    private static EmbeddedBroker broker;

    private SharedBroker() {}

    public static synchronized EmbeddedBroker get() {
        if (broker == null) {
            broker = EmbeddedBroker.start(EmbeddedBroker.Options.ephemeral());
            broker.createContractTopics(3);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-broker-shutdown"));
        }
        return broker;
    }
}
