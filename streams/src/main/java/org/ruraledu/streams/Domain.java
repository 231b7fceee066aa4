package org.ruraledu.streams;

/**
 * One area the plan watches (school lunch, dropout control, left-behind care, heating, reporting), plugged into
 * {@link RuralEduTopology}. A domain wires its part of the topology from the {@link Foundation}; names of its
 * processors, stores and internal topics start with {@link #name()}. Its plan targets are in the target catalog
 * ({@link org.ruraledu.streams.targets.TargetCatalog}), not in code: a domain that needs a threshold (for an
 * alert) looks its target up by id in {@link Foundation#targets()}.
 */
public interface Domain {
    /** Prefix of every name this domain adds to the topology, e.g. {@code meals}. Never rename it. */
    String name();

    void build(Foundation foundation);
}
