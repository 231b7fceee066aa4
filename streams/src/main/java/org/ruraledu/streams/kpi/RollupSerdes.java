package org.ruraledu.streams.kpi;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.ruraledu.streams.serde.Compact;

/**
 * Compact binary formats ({@link Compact}) of the figures and rollup records written on every figure change:
 * contributions (district repartition), tallies (cell stores, city repartition), school memberships, and school
 * figures (report histories, counted figures).
 */
public final class RollupSerdes {
    private static final byte FORMAT = 1;

    private RollupSerdes() {}

    static final Serde<Contribution> CONTRIBUTIONS = Compact.serde(FORMAT, (c, out) -> {
        counts(c.delta(), out);
        out.varlong(c.schools());
        out.varlong(c.citySchools());
        out.bool(c.forgets());
    }, in -> new Contribution(counts(in), in.varlong(), in.varlong(), in.bool()));

    static final Serde<Tally> TALLIES = Compact.serde(FORMAT, (t, out) -> {
        counts(t.totals(), out);
        out.varlong(t.schools());
        out.varlong(t.citySchools());
    }, in -> new Tally(counts(in), in.varlong(), in.varlong()));

    /**
     * Format 2 added the school's own counters of the period (school-scope KPIs), format 3 when they last changed
     * (the school's KPIs' {@code updatedAt}, and the day a standing one is dated). Entries of formats 1 and 2 (written
     * before) are read without what they lack, so that an upgrade finds its memberships.
     */
    private static final byte MEMBERSHIP_FORMAT = 3;

    static final Serde<SchoolCells.CellMembership> MEMBERSHIPS = Compact.serdeSince(FORMAT, MEMBERSHIP_FORMAT,
            (m, out) -> {
                figuresPerDistrict(m.figures(), out);
                out.bool(m.totals() != null);
                if (m.totals() != null) {
                    counts(m.totals(), out);
                }
                out.bool(m.updatedAt() != null);
                if (m.updatedAt() != null) {
                    out.varlong(m.updatedAt().toEpochMilli());
                }
            }, in -> {
                TreeMap<String, Long> figures = figuresPerDistrict(in);
                Counts totals = in.format() >= 2 && in.bool() ? counts(in) : null;
                Instant updatedAt = in.format() >= 3 && in.bool() ? Instant.ofEpochMilli(in.varlong()) : null;
                return new SchoolCells.CellMembership(figures, totals, updatedAt);
            });

    private static void figuresPerDistrict(TreeMap<String, Long> figures, Compact.Writer out) {
        out.varlong(figures.size());
        figures.forEach((district, n) -> {
            out.text(district);
            out.varlong(n);
        });
    }

    private static TreeMap<String, Long> figuresPerDistrict(Compact.Reader in) {
        TreeMap<String, Long> figures = new TreeMap<>();
        for (long i = in.varlong(); i > 0; i--) {
            figures.put(in.text(), in.varlong());
        }
        return figures;
    }

    public static final Serde<SchoolFigure> FIGURES = Compact.serde(FORMAT, RollupSerdes::figure, RollupSerdes::figure,
            SchoolFigure.class);

    /** A school's summed figure of one date and what was last forwarded of it ({@link SummedFigures}). */
    static final Serde<SummedFigures.Summed> SUMMED = Compact.serde(FORMAT, (s, out) -> {
        figure(s.figure(), out);
        out.bool(s.forwarded() != null);
        if (s.forwarded() != null) {
            counts(s.forwarded(), out);
        }
    }, in -> new SummedFigures.Summed(figure(in), in.bool() ? counts(in) : null));

    /** A school figure inside another compact record. */
    public static void figure(SchoolFigure figure, Compact.Writer out) {
        out.text(figure.schoolId());
        out.text(figure.district());
        out.day(figure.date());
        counts(figure.counts(), out);
    }

    public static SchoolFigure figure(Compact.Reader in) {
        return new SchoolFigure(in.text(), in.text(), in.day(), counts(in));
    }

    private static void counts(Counts counts, Compact.Writer out) {
        SortedMap<String, Long> values = counts.values();
        out.varlong(values.size());
        for (Map.Entry<String, Long> counter : values.entrySet()) {
            out.text(counter.getKey());
            out.varlong(counter.getValue());
        }
    }

    private static Counts counts(Compact.Reader in) {
        SortedMap<String, Long> values = new TreeMap<>();
        for (long i = in.varlong(); i > 0; i--) {
            values.put(in.text(), in.varlong());
        }
        return new Counts(values);
    }
}
