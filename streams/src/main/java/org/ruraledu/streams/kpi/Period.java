package org.ruraledu.streams.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Periods a KPI is rolled up over, in the plan's city time (contract: weeks are ISO weeks). DAY, WEEK and MONTH
 * sum flows (lunches served in the period); CURRENT sums standing figures (open cases, pupils enrolled): one cell
 * for all dates, published with the day it was computed as periodStart, as the contract defines "current".
 */
public enum Period {
    DAY("day") {
        @Override
        public LocalDate start(LocalDate date) {
            return date;
        }
    },
    WEEK("week") {
        @Override
        public LocalDate start(LocalDate date) {
            return date.with(DayOfWeek.MONDAY);
        }
    },
    MONTH("month") {
        @Override
        public LocalDate start(LocalDate date) {
            return date.withDayOfMonth(1);
        }
    },
    CURRENT("current") {
        /** No start: a standing figure has one cell whatever the date. */
        @Override
        public LocalDate start(LocalDate date) {
            return null;
        }
    };

    private final String id;

    Period(String id) {
        this.id = id;
    }

    /** The contract's name of the period: {@code day}, {@code week}, {@code month}. */
    public String id() {
        return id;
    }

    /** The first day of the period that contains {@code date} (null for CURRENT). */
    public abstract LocalDate start(LocalDate date);

    /**
     * The last day of the period that starts on {@code start}: once it is before the retention horizon, no figure
     * of the period can change any more. Null for CURRENT, which never ends.
     */
    public LocalDate lastDay(LocalDate start) {
        return switch (this) {
            case DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> start.plusMonths(1).minusDays(1);
            case CURRENT -> null;
        };
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
