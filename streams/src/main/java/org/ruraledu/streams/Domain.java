package org.ruraledu.streams;

import java.util.List;
import org.ruraledu.streams.kpi.Target;

/**
 * One area the plan watches (school lunch, dropout control, left-behind care, heating, reporting), plugged into
 * {@link RuralEduTopology}. A domain declares its plan targets and wires its part of the topology from the
 * {@link Foundation}; names of its processors, stores and internal topics start with {@link #name()}.
 */
public interface Domain {
    /** Prefix of every name this domain adds to the topology, e.g. {@code meals}. Never rename it. */
    String name();

    /** The plan targets of this domain's metrics. */
    List<Target> targets();

    void build(Foundation foundation);
}
