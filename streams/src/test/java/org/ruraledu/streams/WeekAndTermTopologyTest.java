package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.CareData.care;
import static org.ruraledu.streams.CareData.recount;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Kpi;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.streams.CareData.SchoolMonth;
import org.ruraledu.streams.CareData.Sums;
import org.ruraledu.streams.care.Care;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.meals.Meals;

/**
 * ISO weeks and school terms (学期) through the production topology, for every dated rollup alike: a school day
 * counts in its day, week, month and term, a month's care report in its month and the term of the month's first
 * term day, a vacation day in no term. Expected cells are recounted here from the README's rules and the terms of
 * the built-in calendar, copied by hand from its file (autumn term 2025-09-01 to 2026-01-23, spring term 2026-03-02
 * to 2026-07-03), never by production code.
 */
class WeekAndTermTopologyTest {
    private static final LocalDate AUTUMN = LocalDate.parse("2025-09-01");
    private static final LocalDate AUTUMN_END = LocalDate.parse("2026-01-23");
    private static final LocalDate SPRING = LocalDate.parse("2026-03-02");
    private static final LocalDate SPRING_END = LocalDate.parse("2026-07-03");
    private static final Map<String, String> DISTRICT = Map.of("w1", "wendeng", "w2", "wendeng", "h1", "huancui");

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Meals(), new Dropout(), new Care())); // care follows dropout's enrolment
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"), school("h1", "huancui"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void lunchCoverageHasAnIsoWeekAndATermCellAtEveryScopeAndNoTermInTheVacation() {
        List<MealReport> reports = List.of(
                meal("a1", "w1", "2026-01-22", 100, 90, 0),   // Thursday, autumn term
                meal("a2", "w1", "2026-01-23", 100, 100, 0),  // Friday, the autumn term's last day
                meal("a3", "w2", "2026-01-23", 50, 50, 0),
                meal("v1", "w1", "2026-01-26", 40, 40, 0),    // Monday, winter vacation: no term
                meal("s1", "w1", "2026-03-02", 100, 95, 0),   // Monday, the spring term's first day
                meal("s2", "w2", "2026-03-03", 50, 45, 0),
                meal("s3", "h1", "2026-03-06", 80, 80, 0),
                meal("s4", "h1", "2026-03-09", 80, 70, 0));
        fx.report(reports.toArray(MealReport[]::new));

        Map<String, Cell> expected = mealCells(reports);
        for (String period : List.of("week", "term")) {
            Set<String> published = new TreeSet<>();
            for (String key : TopologyFixture.keysOf(fx.kpiStore())) {
                if (key.contains("|meals.coverage|" + period + "|")) {
                    published.add(key);
                }
            }
            Set<String> wanted = new TreeSet<>();
            expected.forEach((cell, sums) -> {
                if (cell.contains("|" + period + "|")) {
                    wanted.add(kpiKey(cell));
                }
            });
            assertThat(published).as(period).isEqualTo(wanted);
        }
        expected.forEach((cell, sums) -> {
            Kpi kpi = fx.kpiStore().get(kpiKey(cell));
            assertThat(kpi).as(cell).isNotNull();
            assertThat(kpi.numerator()).as(cell).isEqualTo((double) sums.served);
            assertThat(kpi.denominator()).as(cell).isEqualTo((double) sums.needing);
            assertThat(kpi.schools()).as(cell).isEqualTo(sums.schools.size());
        });
        // Read off by hand as well: the boundary days.
        assertThat(fx.kpiStore().get("city|meals.coverage|term|2025-09-01").numerator()).isEqualTo(240);
        assertThat(fx.kpiStore().get("city|meals.coverage|term|2026-03-02").numerator()).isEqualTo(290);
        assertThat(fx.kpiStore().get("wendeng|meals.coverage|week|2026-01-26").numerator()).isEqualTo(40);
        assertThat(TopologyFixture.keysOf(fx.kpiStore())).noneMatch(key -> key.contains("|term|2026-01-26"));
        assertThat(fx.kpiStore().get("city|meals.coverage|term|2026-03-02").targetId())
                .as("a term is judged like any period").isEqualTo("plan-09-lunch");
    }

    @Test
    void aMonthsCareReportCountsInItsMonthAndTheTermOfTheMonthsFirstTermDayNeverInAWeek() {
        fx.register(school("c1", "wendeng"), school("c2", "huancui"));
        CareReport c1Jan = care("c1-jan", "c1", "2026-01", 10, 8, true);
        CareReport c1Feb = care("c1-feb", "c1", "2026-02", 10, 9, true); // no school day in February 2026
        CareReport c1Mar = care("c1-mar", "c1", "2026-03", 10, 10, true); // 1 March is vacation, 2 March is term
        CareReport c2Jan = care("c2-jan", "c2", "2026-01", 5, 5, false);
        CareReport c2Mar = care("c2-mar", "c2", "2026-03", 6, 3, true);
        fx.send(c1Jan, c1Feb, c1Mar, c2Jan, c2Mar);

        assertCare("wendeng", AUTUMN, recount(List.of(SchoolMonth.reported(true, c1Jan))), 1);
        assertCare("huancui", AUTUMN, recount(List.of(SchoolMonth.reported(true, c2Jan))), 1);
        assertCare("city", AUTUMN, recount(List.of(SchoolMonth.reported(true, c1Jan),
                SchoolMonth.reported(true, c2Jan))), 2);
        assertCare("city", SPRING, recount(List.of(SchoolMonth.reported(true, c1Mar),
                SchoolMonth.reported(true, c2Mar))), 2);
        assertCare("school:c1", SPRING, recount(List.of(SchoolMonth.reported(true, c1Mar))), 1);

        List<String> careKeys = TopologyFixture.keysOf(fx.kpiStore()).stream()
                .filter(key -> key.contains("|care.contact_coverage|")).toList();
        assertThat(careKeys).filteredOn(key -> key.contains("|term|"))
                .extracting(key -> key.substring(key.lastIndexOf('|') + 1))
                .as("February's report counts in no term").containsOnly("2025-09-01", "2026-03-02");
        assertThat(careKeys).noneMatch(key -> key.contains("|week|") || key.contains("|day|"));
    }

    private void assertCare(String scope, LocalDate term, Sums sums, long schools) {
        Kpi contacts = fx.kpiStore().get(scope + "|care.contact_coverage|term|" + term);
        assertThat(contacts).as(scope + " " + term).isNotNull();
        assertThat(contacts.numerator()).isEqualTo((double) sums.contacted());
        assertThat(contacts.denominator()).isEqualTo((double) sums.registered());
        assertThat(contacts.schools()).isEqualTo(schools);
        Kpi rooms = fx.kpiStore().get(scope + "|care.room_coverage|term|" + term);
        assertThat(rooms.numerator()).isEqualTo((double) sums.roomOperating());
        assertThat(rooms.denominator()).isEqualTo((double) sums.mustHaveRoom());
    }

    /** Served and needing pupils, and the distinct schools, of one cell. */
    private static final class Cell {
        long served;
        long needing;
        final Set<String> schools = new HashSet<>();
    }

    /** Every cell ({@code scope|period|start}) the reports count in, by the README's rules. */
    private static Map<String, Cell> mealCells(List<MealReport> reports) {
        Map<String, Cell> cells = new TreeMap<>();
        for (MealReport r : reports) {
            String schoolId = r.getSchoolId().toString();
            LocalDate day = r.getDate();
            LocalDate monday = day.minusDays(day.getDayOfWeek().getValue() - 1L);
            LocalDate month = LocalDate.of(day.getYear(), day.getMonth(), 1);
            LocalDate term = !day.isBefore(AUTUMN) && !day.isAfter(AUTUMN_END) ? AUTUMN
                    : !day.isBefore(SPRING) && !day.isAfter(SPRING_END) ? SPRING : null;
            for (String scope : List.of(DISTRICT.get(schoolId), "city", "school:" + schoolId)) {
                add(cells, scope + "|day|" + day, r);
                add(cells, scope + "|week|" + monday, r);
                add(cells, scope + "|month|" + month, r);
                if (term != null) {
                    add(cells, scope + "|term|" + term, r);
                }
            }
        }
        return cells;
    }

    private static void add(Map<String, Cell> cells, String cell, MealReport r) {
        Cell sums = cells.computeIfAbsent(cell, c -> new Cell());
        sums.served += r.getServed();
        sums.needing += r.getNeeding();
        sums.schools.add(r.getSchoolId().toString());
    }

    /** {@code scope|period|start} as a coverage KPI's key. */
    private static String kpiKey(String cell) {
        int period = cell.indexOf('|');
        return cell.substring(0, period) + "|meals.coverage" + cell.substring(period);
    }
}
