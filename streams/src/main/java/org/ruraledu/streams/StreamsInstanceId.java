package org.ruraledu.streams;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.UUID;
import org.ruraledu.config.KeptOnce;
import org.ruraledu.config.Settings;

/**
 * The name this streams instance has in its consumer group (static membership: Kafka's {@code group.instance.id},
 * to which Kafka Streams appends each thread's index). A restarted instance that gives the same name takes its
 * place and its tasks back at once; without one, the group would wait for the dead member's session to expire.
 *
 * <p>Unless {@code streams.instance.id} is set, the name is made once and kept in the state directory: it is then
 * stable across restarts, and two instances on one host differ because they cannot share a state directory.
 */
final class StreamsInstanceId {
    static final String FILE_NAME = "ruraledu-instance.id";

    private StreamsInstanceId() {}

    static String of(Settings settings) {
        String configured = settings.get("streams.instance.id").trim();
        if (!configured.isEmpty()) {
            return configured;
        }
        Path file = settings.getPath("streams.state.dir").resolve(FILE_NAME);
        // The host name is only there to help whoever reads the group's member list.
        String kept = KeptOnce.readOrCreate(file, () -> hostName() + "-" + UUID.randomUUID().toString().substring(0, 8));
        if (kept.isEmpty()) {
            throw new IllegalStateException(file + " is empty (a start cut short?): delete it, a new name is made");
        }
        return kept;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "streams";
        }
    }
}
