package org.ruraledu.streams.kpi;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;

/**
 * A dated target of the plan for one metric in some scopes, as the target catalog lists it (e.g. lunch coverage
 * 1.0 in every district and the city by the end of 2023, item 9; open dropout cases kept at 0, item 38).
 *
 * @param scopes    the district keys and/or {@code city} the target holds in; empty = every district and the city.
 *                  School scopes only when named: {@code school:{schoolId}} one school, {@value #EVERY_SCHOOL}
 *                  every school (a target without them judges no school)
 * @param value     the threshold a figure must reach ({@link Direction#AT_LEAST}) or not pass ({@link Direction#AT_MOST})
 * @param deadline  the day by which the plan wants the threshold reached (named in alerts)
 * @param holdsFrom the first day the threshold holds: a figure of a period starting then or later that misses it has
 *                  SLIPPED (the catalog's default: the day after the deadline)
 * @param baseline  where progress starts, for a deadline still ahead: before it, a figure is judged against the
 *                  straight path from the baseline to the threshold on the deadline; null = no path
 * @param tolerance without a baseline, before the target holds: a figure this close to it is ON_TRACK, further
 *                  away AT_RISK (0: "met or not")
 * @param plan      the plan's words for the target (zh) and an English line
 * @param line      the catalog line that declares the target (0: declared in code), named in errors
 */
public record Target(String targetId, int planItem, String metric, Set<String> scopes, Direction direction,
        double value, LocalDate deadline, LocalDate holdsFrom, Baseline baseline, double tolerance, Words plan,
        int line) {

    /** The scope entry that names every school's own scope ({@code school:{schoolId}}). */
    public static final String EVERY_SCHOOL = Kpi.SCHOOL_SCOPE_PREFIX + "*";

    /** Tiny slack so that a ratio computed in floating point still meets a target of exactly 1.0. */
    private static final double EPSILON = 1e-9;

    public enum Direction { AT_LEAST, AT_MOST }

    /** The figure the plan starts from, and the day it was measured. */
    public record Baseline(double value, LocalDate date) {}

    /** The plan's words for a target: Chinese as the plan says it, and an English line. */
    public record Words(String zh, String en) {}

    public Target {
        scopes = Set.copyOf(scopes);
    }

    /** A target in every scope, holding from the day after its deadline, without a baseline (tests, examples). */
    public Target(String targetId, int planItem, String metric, double value, Direction direction,
            LocalDate deadline, double tolerance) {
        this(targetId, planItem, metric, Set.of(), direction, value, deadline, deadline.plusDays(1), null,
                tolerance, new Words("", ""), 0);
    }

    /**
     * Whether the target holds in {@code scope} (a district key, {@code city} or {@code school:{schoolId}}). A school
     * is judged only by a target that names it, or every school ({@value #EVERY_SCHOOL}).
     */
    public boolean appliesTo(String scope) {
        if (Kpi.isSchoolScope(scope)) {
            return scopes.contains(scope) || scopes.contains(EVERY_SCHOOL);
        }
        return scopes.isEmpty() || scopes.contains(scope);
    }

    /** Whether some scope is judged by both targets (whatever their metric and dates). */
    public boolean sharesAScopeWith(Target other) {
        Set<String> theirs = other.areas();
        boolean areas = areas().stream().anyMatch(theirs::contains);
        Set<String> mySchools = schools();
        Set<String> theirSchools = other.schools();
        boolean schools = !mySchools.isEmpty() && !theirSchools.isEmpty() && (mySchools.contains(EVERY_SCHOOL)
                || theirSchools.contains(EVERY_SCHOOL) || mySchools.stream().anyMatch(theirSchools::contains));
        return areas || schools;
    }

    /** The districts and/or city the target judges (every one when no scope is given). */
    private Set<String> areas() {
        if (scopes.isEmpty()) {
            return ALL_AREAS;
        }
        return scopes.stream().filter(scope -> !Kpi.isSchoolScope(scope)).collect(Collectors.toSet());
    }

    private Set<String> schools() {
        return scopes.stream().filter(Kpi::isSchoolScope).collect(Collectors.toSet());
    }

    private static final Set<String> ALL_AREAS = Stream.concat(Stream.of(District.CITY),
            Arrays.stream(District.values()).map(District::key)).collect(Collectors.toUnmodifiableSet());

    /** Whether the threshold already holds on {@code day} (a miss is SLIPPED, not AT_RISK). */
    public boolean holdsOn(LocalDate day) {
        return !day.isBefore(holdsFrom);
    }

    /**
     * How a figure of the period starting {@code day} stands against this target: MET when it meets the threshold;
     * once the target holds, SLIPPED when it misses; before that, ON_TRACK or AT_RISK: with a baseline, whether the
     * figure is at or ahead of the straight path on that day ({@link #pathOn}), without one, whether it is within
     * the tolerance of the threshold.
     */
    public KpiStatus judge(double observed, LocalDate day) {
        if (shortfall(observed, value) <= EPSILON) {
            return KpiStatus.MET;
        }
        if (holdsOn(day)) {
            return KpiStatus.SLIPPED;
        }
        if (baseline != null) {
            return shortfall(observed, pathOn(day)) <= EPSILON ? KpiStatus.ON_TRACK : KpiStatus.AT_RISK;
        }
        return shortfall(observed, value) <= tolerance + EPSILON ? KpiStatus.ON_TRACK : KpiStatus.AT_RISK;
    }

    /**
     * Where the straight path from the baseline (its value on its date) to the threshold (on the deadline) is on
     * {@code day}: the baseline's value before its date, the threshold from the deadline on.
     */
    public double pathOn(LocalDate day) {
        if (baseline == null || !day.isAfter(baseline.date())) {
            return baseline == null ? value : baseline.value();
        }
        if (!day.isBefore(deadline)) {
            return value;
        }
        double done = (double) ChronoUnit.DAYS.between(baseline.date(), day)
                / ChronoUnit.DAYS.between(baseline.date(), deadline);
        return baseline.value() + (value - baseline.value()) * done;
    }

    /** How far {@code observed} falls short of {@code wanted} in this target's direction (0 when it reaches it). */
    private double shortfall(double observed, double wanted) {
        return Math.max(0, direction == Direction.AT_LEAST ? wanted - observed : observed - wanted);
    }
}
