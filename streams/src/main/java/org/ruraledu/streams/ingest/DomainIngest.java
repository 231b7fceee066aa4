package org.ruraledu.streams.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.kstream.KStream;
import org.ruraledu.records.InputKind;

/**
 * Ingest as one domain sees it: the accepted records of the input kinds it reads, admitted against its own copy
 * of the school registry ({@link DomainRegistry}), and that copy, for standing figures that follow the registry.
 * Everything here runs in the domain's own sub-topology. Built on first use: a domain that asks for nothing gets
 * no copy.
 */
public final class DomainIngest {
    private final Ingest ingest;
    private final String domain;
    private final Map<InputKind, KStream<String, ? extends Enriched<?>>> streams = new EnumMap<>(InputKind.class);
    private final Map<InputKind, KStream<String, ? extends Enriched<?>>> followed = new EnumMap<>(InputKind.class);
    private final Map<InputKind, KStream<String, Arrival>> arrivals = new EnumMap<>(InputKind.class);
    private DomainRegistry registry;

    DomainIngest(Ingest ingest, String domain) {
        this.ingest = ingest;
        this.domain = domain;
    }

    /**
     * The accepted records of one input topic, keyed by schoolId; asking twice gives the same stream. An input
     * kind feeds one domain only (see {@link Ingest#forDomain}).
     */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecordBase> KStream<String, Enriched<T>> stream(InputKind kind) {
        KStream<String, ? extends Enriched<?>> stream = streams.get(kind);
        if (stream == null) {
            stream = ingest.build(kind, domain, registry().storeName());
            streams.put(kind, stream);
        }
        return (KStream<String, Enriched<T>>) stream;
    }

    /**
     * The accepted records of an input kind that another domain reads, copied into this domain's tasks through a
     * repartition topic of its own and admitted against its copy of the registry ({@link Ingest#follow}); asking
     * twice gives the same stream. The reading domain must be wired first, or the build fails.
     */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecordBase> KStream<String, Enriched<T>> follow(InputKind kind) {
        KStream<String, ? extends Enriched<?>> stream = followed.get(kind);
        if (stream == null) {
            stream = ingest.follow(kind, domain, registry().storeName());
            followed.put(kind, stream);
        }
        return (KStream<String, Enriched<T>>) stream;
    }

    /**
     * That the records of an input kind another domain reads arrived: one {@link Arrival} per school and period
     * ({@code periodOf}: the owed period a record reports, or null), made in the owner's task and carried into this
     * domain's tasks through a repartition topic of its own ({@link Ingest#arrivals}); asking twice gives the same
     * stream (the first {@code periodOf} holds). The reading domain must be wired first, or the build fails.
     */
    public <T extends SpecificRecordBase> KStream<String, Arrival> arrivals(InputKind kind,
            Function<Enriched<T>, String> periodOf) {
        return arrivals.computeIfAbsent(kind, k -> ingest.arrivals(k, domain, periodOf));
    }

    /** This domain's copy of the registry: its store, read in the school's task, and its changes. */
    public DomainRegistry registry() {
        if (registry == null) {
            registry = ingest.copyRegistry(domain);
        }
        return registry;
    }
}
