package org.ruraledu.streams.kpi;

/**
 * Periods a KPI is rolled up over, in the plan's city time, by the contract's names. DAY, WEEK (ISO week, from
 * Monday), MONTH and TERM (a term of the school calendar, 学期) sum flows (lunches served in the period); CURRENT
 * sums standing figures (open cases, pupils enrolled): one cell for all dates, published with the day it was
 * computed as periodStart, as the contract defines "current". Where a period starts and ends is {@link Periods}'
 * (a term's dates are the calendar's), so that no period arithmetic needs a global calendar.
 *
 * <p>Declared from the shortest to the longest dated period.
 */
public enum Period {
    DAY("day"),
    WEEK("week"),
    MONTH("month"),
    TERM("term"),
    CURRENT("current");

    private final String id;

    Period(String id) {
        this.id = id;
    }

    /** The contract's name of the period: {@code day}, {@code week}, {@code month}, {@code term}, {@code current}. */
    public String id() {
        return id;
    }

    /** Whether figures of this period are dated (every period but CURRENT). */
    public boolean dated() {
        return this != CURRENT;
    }

    public static Period byId(String id) {
        for (Period period : values()) {
            if (period.id.equals(id)) {
                return period;
            }
        }
        throw new IllegalArgumentException("unknown period '" + id + "'");
    }
}
