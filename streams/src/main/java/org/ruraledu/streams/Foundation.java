package org.ruraledu.streams;

import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.ruraledu.config.Settings;
import org.ruraledu.streams.alert.AlertLifecycle;
import org.ruraledu.streams.ingest.Ingest;
import org.ruraledu.streams.kpi.Kpis;
import org.ruraledu.streams.kpi.Targets;

/**
 * What every {@link Domain} builds on: the builder, settings and clock, ingest of the input topics (decode,
 * rules, registry, dead letters; a domain takes its own with {@link Ingest#forDomain}, which keeps its copy of the
 * registry), KPI rollups judged against the plan's targets, the target catalog itself (for a threshold an alert
 * names: {@link Targets#byId}), and the alert lifecycle.
 */
public record Foundation(StreamsBuilder builder, Settings settings, Clock clock, Ingest ingest, Kpis kpis,
        AlertLifecycle alerts, Targets targets) {}
