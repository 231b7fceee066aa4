package org.ruraledu.bench;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.TopologyDescription;
import org.ruraledu.config.Settings;
import org.ruraledu.streams.RuralEduTopology;
import org.ruraledu.streams.StreamsApp;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.Topics;

/** The real streams application (StreamsApp, the production topology) as one stage of the benchmark runs it. */
final class PipelineRun implements AutoCloseable {
    /** What the pipeline writes for its users: a stage is done only when these stop changing. */
    static final List<String> OUTPUTS = List.of(Topics.KPIS.name(), Topics.ALERTS.name(), Topics.DEAD_LETTERS.name());

    private final Settings settings;
    private final StreamsApp app;
    private final long startNanos;

    private PipelineRun(Settings settings, StreamsApp app, long startNanos) {
        this.settings = settings;
        this.app = app;
        this.startNanos = startNanos;
    }

    static PipelineRun start(Settings settings) {
        long start = System.nanoTime();
        return new PipelineRun(settings, StreamsApp.start(settings), start);
    }

    long startNanos() {
        return startNanos;
    }

    StreamsApp app() {
        return app;
    }

    String applicationId() {
        return settings.get("streams.application.id");
    }

    CatchUp catchUp(Admin admin) {
        return new CatchUp(app.streams(), admin, new GroupLag(admin, applicationId(), sourceTopics()), OUTPUTS,
                app::requireRunning);
    }

    /**
     * Every topic the application's consumer group reads, taken from the topology itself so that a new input or
     * repartition topic is covered without a change here, the school registry (a co-partitioned table, read by the
     * group like any input) included.
     */
    Set<String> sourceTopics() {
        Set<String> contract = new TreeSet<>(Topics.all().stream().map(Topic::name).toList());
        Set<String> sources = new TreeSet<>();
        TopologyDescription description = RuralEduTopology.buildTopology(settings, Clock.systemUTC()).describe();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    if (source.topicSet() == null) {
                        throw new IllegalStateException("source " + source.name() + " reads a pattern: not measurable");
                    }
                    // Internal topics are described without the application id that prefixes them on the broker.
                    source.topicSet().forEach(t -> sources.add(contract.contains(t) ? t : applicationId() + "-" + t));
                }
            }
        }
        return sources;
    }

    /** Internal topics of this application that exist on the broker (repartition and changelog). */
    static Set<String> internalTopics(Admin admin, String applicationId, String suffix) {
        try {
            Set<String> topics = new TreeSet<>();
            for (String name : admin.listTopics().names().get()) {
                if (name.startsWith(applicationId + "-") && name.endsWith(suffix)) {
                    topics.add(name);
                }
            }
            return topics;
        } catch (Exception e) {
            throw Offsets.failure("topics", e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
