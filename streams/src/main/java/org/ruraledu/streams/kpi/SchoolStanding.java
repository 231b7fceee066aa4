package org.ruraledu.streams.kpi;

import org.ruraledu.streams.StoreWrites;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.streams.ingest.RegisteredSchool;

/**
 * The first level of a standing rollup ({@code {name}-school-standing}): the sum of one school's standing figures
 * (its open cases, its enrolment, ...), counted in the district the registry gives it now. The school's task owns
 * both its figures and its entry in the domain's copy of the registry, so a change of either is one step here:
 * <ul>
 *   <li>a figure changes: the school's sum changes, and the district cells get the difference;</li>
 *   <li>the school moves district: its whole sum leaves the old district and joins the new one at once;</li>
 *   <li>the school closes (inactive in the registry): the counters that count only while a school is active
 *       (e.g. enrolment, the denominator of a rate) leave; the others (its open cases: the children are still
 *       out of school) stay until they close.</li>
 * </ul>
 * One figure per school goes on to the district and city cells, so a cell never carries per-figure detail.
 *
 * <p>Store {@code {name}-by-school-store}: schoolId → {@link State} (the sum, and where and how it was last
 * counted). Bounded by the schools with a non-zero standing figure; a school whose sum falls to zero is deleted.
 */
final class SchoolStanding implements Processor<String, StandingInput, String, FigureChange> {
    private final String storeName;
    private final String registryStore;
    private final Set<String> activeOnly;
    private ProcessorContext<String, FigureChange> context;
    private KeyValueStore<String, State> store;
    private KeyValueStore<String, RegisteredSchool> registry;

    /** A school's standing sum, and the district and active flag it was last counted with. */
    record State(Counts sum, String district, boolean active) {}

    /** @param registryStore the domain's copy of the registry, kept in step by the changes that reach it here */
    SchoolStanding(String storeName, String registryStore, Set<String> activeOnly) {
        this.storeName = storeName;
        this.registryStore = registryStore;
        this.activeOnly = Set.copyOf(activeOnly);
    }

    static String storeName(String name) {
        return name + "-by-school-store";
    }

    @Override
    public void init(ProcessorContext<String, FigureChange> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.registry = context.getStateStore(registryStore);
    }

    @Override
    public void process(Record<String, StandingInput> in) {
        String schoolId = in.value().schoolId();
        FigureChange change = in.value().change();
        State was = store.get(schoolId);
        if (was == null && change == null) {
            return; // a registry change of a school with no standing figure
        }
        Counts sum = was == null ? Counts.none() : was.sum();
        if (change != null) {
            sum = sum.minus(counts(change.before())).plus(counts(change.after()));
        }
        RegisteredSchool school = registry.get(schoolId);
        State now = new State(nonZero(sum), district(school, was, change), active(school, was));
        if (now.sum().values().isEmpty()) {
            StoreWrites.remove(store, schoolId);
        } else {
            store.put(schoolId, now);
        }
        SchoolFigure before = counted(schoolId, was);
        SchoolFigure after = counted(schoolId, now);
        if (!Objects.equals(before, after)) {
            context.forward(new Record<>(schoolId, new FigureChange(before, after), in.timestamp()));
        }
    }

    /** The district the registry gives the school now; as last counted if the registry has no usable entry. */
    private static String district(RegisteredSchool school, State was, FigureChange change) {
        if (school != null && school.district() != null) {
            return school.district();
        }
        if (was != null) {
            return was.district();
        }
        return (change.after() != null ? change.after() : change.before()).district();
    }

    /** Active in the registry now; a school deleted from the registry counts as closed. */
    private static boolean active(RegisteredSchool school, State was) {
        if (school == null) {
            return was == null;
        }
        return school.active();
    }

    /** What the school contributes to its district's cells: null when nothing. */
    private SchoolFigure counted(String schoolId, State state) {
        if (state == null) {
            return null;
        }
        Map<String, Long> counted = new TreeMap<>(state.sum().values());
        if (!state.active()) {
            counted.keySet().removeAll(activeOnly);
        }
        return counted.isEmpty() ? null : new SchoolFigure(schoolId, state.district(), null, Counts.of(counted));
    }

    private static Counts counts(SchoolFigure figure) {
        return figure == null ? Counts.none() : figure.counts();
    }

    private static Counts nonZero(Counts counts) {
        Map<String, Long> kept = new TreeMap<>(counts.values());
        kept.values().removeIf(value -> value == 0L);
        return Counts.of(kept);
    }
}
