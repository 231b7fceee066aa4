package org.ruraledu.streams.dropout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.ruraledu.schemas.DropoutReason;
import org.ruraledu.streams.kpi.CountedFigures;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.FigureUpdate;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * The dropout KPIs (控辍保学) and the school figures they are rolled up from. Each case contributes two kinds of
 * figure: while it is open, a standing figure (open, overdue, its reason and grade), summed with the schools'
 * enrolment into {@code current} KPIs; and dated figures, one on the day it opened and one on the day it closed,
 * summed per day and month. A change to a case subtracts its old figures and adds the new ones, so a case that a
 * late event re-dates or withdraws never counts twice.
 */
public final class DropoutKpis {
    static final String OPEN = "open";
    static final String OVERDUE = "overdue";
    static final String ENROLLED = "enrolled";
    static final String OPENED = "opened";
    static final String RETURNED = "returned";
    static final String TRANSFERRED = "transferred";
    static final String DAYS_TO_RETURN = "daysToReturn";
    /** Grades of the schema (1..6 primary, 7..9 junior secondary, 10..12 senior secondary). */
    static final List<Integer> GRADES = IntStream.rangeClosed(1, 12).boxed().toList();

    public static final Metric OPEN_CASES = Metric.count("dropout.open_cases", OPEN);
    public static final Metric OVERDUE_CASES = Metric.count("dropout.overdue_cases", OVERDUE);
    public static final Metric RATE_PER_10K = Metric.rate("dropout.rate_per_10k", OPEN, ENROLLED, 10_000);
    public static final Metric NEW_CASES = Metric.count("dropout.new_cases", OPENED);
    public static final Metric RETURNED_CASES = Metric.count("dropout.returned", RETURNED);
    public static final Metric TRANSFERRED_CASES = Metric.count("dropout.transferred", TRANSFERRED);
    public static final Metric MEDIAN_DAYS_TO_RETURN = Metric.median("dropout.median_days_to_return", DAYS_TO_RETURN);

    /** Item 38 in the catalog: by 2025, dropout of school-age children from poor rural families kept at zero (常态清零). */
    public static final String CASES_AT_ZERO = "plan-38-dropout-zero";

    /** KPIs of the standing figures and enrolment ({@code current}). */
    static final List<Metric> STANDING = standingMetrics();
    /** KPIs of the dated figures (day, month). */
    static final List<Metric> FLOW = List.of(NEW_CASES, RETURNED_CASES, TRANSFERRED_CASES, MEDIAN_DAYS_TO_RETURN);

    private DropoutKpis() {}

    public static Metric openByReason(DropoutReason reason) {
        return Metric.count("dropout.open_cases.by_reason." + reason, OPEN + ".reason." + reason);
    }

    public static Metric openByGrade(int grade) {
        return Metric.count("dropout.open_cases.by_grade." + grade, OPEN + ".grade." + grade);
    }

    private static List<Metric> standingMetrics() {
        List<Metric> metrics = new ArrayList<>(List.of(OPEN_CASES, OVERDUE_CASES, RATE_PER_10K));
        for (DropoutReason reason : DropoutReason.values()) {
            metrics.add(openByReason(reason));
        }
        GRADES.forEach(grade -> metrics.add(openByGrade(grade)));
        return List.copyOf(metrics);
    }

    /** A school's enrolment, the denominator of {@code dropout.rate_per_10k}. */
    static Counts enrolment(int enrolled) {
        return Counts.of(Map.of(ENROLLED, enrolled));
    }

    /** What an open case adds to the standing figures of its school (null: nothing, it is not open). */
    static SchoolFigure standing(OpenCase open) {
        if (open == null) {
            return null;
        }
        DropoutCase c = open.dropoutCase();
        Map<String, Integer> counts = new TreeMap<>();
        counts.put(OPEN, 1);
        counts.put(OVERDUE, open.level() == OverdueLevel.NONE ? 0 : 1);
        counts.put(openByReason(c.reason()).numerator(), 1);
        counts.put(openByGrade(c.grade()).numerator(), 1);
        return new SchoolFigure(c.schoolId(), open.district(), null, Counts.of(counts));
    }

    /** The standing change when a case goes from {@code was} to {@code now} (either null: not open). */
    static FigureChange standingChange(OpenCase was, OpenCase now) {
        SchoolFigure before = standing(was);
        SchoolFigure after = standing(now);
        return Objects.equals(before, after) ? null : new FigureChange(before, after);
    }

    /**
     * The dated figures one case change touches: its opening day and its closing day, where they changed (in
     * anything but the district: a dated figure stays where it was counted, see {@link CountedFigures}). A new
     * figure counts in {@code district}, the school's district now.
     */
    static List<FigureUpdate> flowUpdates(CaseChange change, String district) {
        List<FigureUpdate> updates = new ArrayList<>();
        String caseId = change.dropoutCase().caseId();
        addIfChanged(updates, caseId + "|opened", opening(change.before(), district), opening(change.after(), district));
        addIfChanged(updates, caseId + "|closed", closing(change.before(), district), closing(change.after(), district));
        return updates;
    }

    private static void addIfChanged(List<FigureUpdate> updates, String figureId, SchoolFigure before,
            SchoolFigure after) {
        if (!Objects.equals(before, after)) {
            updates.add(new FigureUpdate(figureId, after));
        }
    }

    private static SchoolFigure opening(DropoutCase c, String district) {
        return c == null ? null : new SchoolFigure(c.schoolId(), district, c.openedOn(), Counts.of(Map.of(OPENED, 1)));
    }

    private static SchoolFigure closing(DropoutCase c, String district) {
        if (c == null || c.isOpen()) {
            return null;
        }
        Counts counts = c.closure() == Closure.RETURNED
                ? Counts.of(Map.of(RETURNED, 1, Metric.bucket(DAYS_TO_RETURN, c.daysOpen(c.closedOn())), 1))
                : Counts.of(Map.of(TRANSFERRED, 1));
        return new SchoolFigure(c.schoolId(), district, c.closedOn(), counts);
    }
}
