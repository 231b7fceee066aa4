package org.ruraledu.producers.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A part of a set of schools, as a fraction ({@code 0.1}, {@code 10%}) or a count ({@code 40}), or {@code all}:
 * how {@code --climate-schools} sizes the classroom readings, their bulk.
 */
public record SchoolShare(double fraction, int count) {
    public static final SchoolShare ALL = new SchoolShare(1.0, -1);

    public SchoolShare {
        if (count < 0 && (fraction < 0 || fraction > 1 || Double.isNaN(fraction))) {
            throw new IllegalArgumentException("a fraction between 0 and 1, got " + fraction);
        }
    }

    public static SchoolShare count(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count must not be negative, got " + count);
        }
        return new SchoolShare(0, count);
    }

    public static SchoolShare fraction(double fraction) {
        return new SchoolShare(fraction, -1);
    }

    /** "all", a count "40", a fraction "0.25" or a percentage "25%". */
    public static SchoolShare parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("all")) {
                return ALL;
            }
            if (t.endsWith("%")) {
                return fraction(Double.parseDouble(t.substring(0, t.length() - 1)) / 100);
            }
            if (t.matches("\\d+")) {
                return count(Integer.parseInt(t));
            }
            return fraction(Double.parseDouble(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not all, a count (40), a fraction (0.25) or a "
                    + "percentage (25%)");
        }
    }

    /** How many of {@code total}. */
    int of(int total) {
        return count >= 0 ? Math.min(count, total) : (int) Math.round(total * fraction);
    }

    /** The chosen schools, evenly spaced through {@code schools} (listed district by district, so all get some). */
    <T> List<T> pick(List<T> schools) {
        int n = of(schools.size());
        List<T> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            picked.add(schools.get((int) ((long) i * schools.size() / n)));
        }
        return picked;
    }

    @Override
    public String toString() {
        return count >= 0 ? String.valueOf(count) : fraction == 1.0 ? "all" : String.valueOf(fraction);
    }
}
