package org.ruraledu.streams.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruraledu.config.Settings;
import org.ruraledu.streams.RuralEduTopology;
import org.ruraledu.streams.kpi.Target;
import org.ruraledu.streams.kpi.Targets;
import org.ruraledu.streams.meals.Meals;

/** The target catalog: the built-in one, an operator's own, and each kind of error, named by its line. */
class TargetCatalogTest {

    @Test
    void theBuiltInCatalogHoldsThePlansTargetsWithTheIdsTheCodeUses() {
        Targets targets = TargetCatalog.load(Settings.defaults());
        assertThat(targets.all()).extracting(Target::targetId).containsExactly("plan-09-lunch", "plan-09-food-safety",
                "plan-12-heating-compliance", "plan-12-clean-energy", "plan-38-dropout-zero", "plan-38-care-rooms",
                "plan-38-care-contacts", "plan-01-parent-schools", "plan-38-care-reporting",
                "plan-38-enrollment-reporting");
        Target lunch = targets.byId("plan-09-lunch");
        assertThat(lunch.planItem()).isEqualTo(9);
        assertThat(lunch.metric()).isEqualTo("meals.coverage");
        assertThat(lunch.direction()).isEqualTo(Target.Direction.AT_LEAST);
        assertThat(lunch.value()).isEqualTo(1.0);
        assertThat(lunch.deadline()).isEqualTo(LocalDate.parse("2023-12-31"));
        assertThat(lunch.holdsFrom()).as("the day after the deadline").isEqualTo(LocalDate.parse("2024-01-01"));
        assertThat(lunch.plan().zh()).isEqualTo("2023年，实现有在校就餐需求学生在校享受安全、实惠餐品全覆盖");
        assertThat(lunch.scopes()).as("every district and the city").isEmpty();
        assertThat(targets.byId("plan-01-parent-schools").scopes()).hasSize(8).doesNotContain("city");
        assertThat(targets.byId("plan-38-dropout-zero").value()).isZero();
        // Every target names a metric the production topology computes: building it checks.
        RuralEduTopology.buildTopology(Settings.defaults().with(Map.of("streams.application.id", "catalog")),
                Clock.systemUTC());
    }

    @Test
    void anOperatorsCatalogReplacesTheBuiltInOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("targets.json");
        Files.writeString(file, catalog(target("mine", "\"metric\": \"meals.coverage\"")));
        Targets targets = TargetCatalog.load(Settings.defaults().with(Map.of(TargetCatalog.FILE_SETTING, file.toString())));
        assertThat(targets.all()).extracting(Target::targetId).containsExactly("mine");
    }

    @Test
    void anUnknownMetricStopsTheStartNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("targets.json");
        Files.writeString(file, catalog(target("typo", "\"metric\": \"meals.coverag\"")));
        Settings settings = Settings.defaults().with(Map.of(TargetCatalog.FILE_SETTING, file.toString(),
                "streams.application.id", "catalog"));
        assertThatThrownBy(() -> RuralEduTopology.buildTopology(settings, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " line 3: unknown metric 'meals.coverag' in target 'typo'");
    }

    @Test
    void aTopologyOfSomeDomainsLeavesTheOthersTargetsAsideButStillCatchesATypo(@TempDir Path dir) throws IOException {
        Settings settings = Settings.defaults().with(Map.of("streams.application.id", "catalog"));
        // The built-in catalog has targets of heating and care, which a lunch-only topology does not compute.
        RuralEduTopology.buildTopology(settings, Clock.systemUTC(), new SimpleMeterRegistry(), List.of(new Meals()));

        Path file = dir.resolve("targets.json");
        Files.writeString(file, catalog(target("typo", "\"metric\": \"meal.coverage\"")));
        assertThatThrownBy(() -> RuralEduTopology.buildTopology(settings.with(Map.of(TargetCatalog.FILE_SETTING,
                file.toString())), Clock.systemUTC(), new SimpleMeterRegistry(), List.of(new Meals())))
                .as("no domain is called 'meal'").hasMessageContaining("unknown metric 'meal.coverage'");
    }

    @Test
    void badDatesNameTheLineOfTheField() {
        // line 1 {"version", line 2 "targets": [, line 3 the target's {, its fields one per line from line 4.
        assertThatThrownBy(() -> parse(catalog(target("t", "\"deadline\": \"2025-13-01\""))))
                .hasMessage("test.json line 10: bad date \"2025-13-01\" in deadline (YYYY-MM-DD) (target 't')");
        assertThatThrownBy(() -> parse(catalog(target("t", "\"deadline\": 2025"))))
                .hasMessageContaining("line 10: bad date 2025 in deadline");
        assertThatThrownBy(() -> parse(catalog(target("t", "\"holdsFrom\": \"2025-06-30\""))))
                .as("inverted: holds before its deadline")
                .hasMessage("test.json line 11: holdsFrom 2025-06-30 is before the deadline 2025-12-31 (target 't')");
        assertThatThrownBy(() -> parse(catalog(target("t", "\"baseline\": {\"value\": 0.5, \"date\": \"2026-01-01\"}"))))
                .as("inverted: a baseline after the deadline")
                .hasMessage("test.json line 11: baseline date 2026-01-01 is not before the deadline 2025-12-31"
                        + " (target 't')");
    }

    @Test
    void aDuplicateIdNamesBothLines() {
        assertThatThrownBy(() -> parse(catalog(target("same", ""), target("same", ""))))
                .hasMessage("test.json line 12: duplicate target id 'same' (first declared at line 3)");
    }

    @Test
    void aBadComparisonOrScopeOrFieldIsNamed() {
        assertThatThrownBy(() -> parse(catalog(target("t", "\"comparison\": \"GREATER\""))))
                .hasMessage("test.json line 8: comparison must be AT_LEAST or AT_MOST, got 'GREATER' (target 't')");
        assertThatThrownBy(() -> parse(catalog(target("t", "\"scopes\": [\"city\", \"weihai\"]"))))
                .hasMessageStartingWith("test.json line 11: unknown scope 'weihai' (district keys: huancui,");
        assertThatThrownBy(() -> parse(catalog(target("t", "\"treshold\": 1"))))
                .hasMessageStartingWith("test.json line 11: unknown field 'treshold' in a target");
        assertThatThrownBy(() -> parse(catalog(target("t", "\"planItem\": 41"))))
                .hasMessageContaining("line 5: planItem must be an item of the key-project list (1..40), got 41");
        assertThatThrownBy(() -> parse(catalog(target("t", "\"threshold\": \"one\""))))
                .hasMessageContaining("line 9: threshold must be a number");
    }

    @Test
    void twoTargetsOfAMetricMayNotHoldFromTheSameDayInOneScope() throws IOException {
        assertThatThrownBy(() -> parse(catalog(target("a", ""), target("b", ""))))
                .hasMessage("test.json line 12: target 'b' and target 'a' (line 3) both judge meals.coverage from"
                        + " 2026-01-01 in the same scope");
        // Different scopes, or different days: fine (a 2025 threshold and a 2027 one).
        assertThat(parse(catalog(target("a", "\"scopes\": [\"wendeng\"]"), target("b", "\"scopes\": [\"city\"]")))
                .all()).hasSize(2);
        assertThat(parse(catalog(target("a", ""), target("b", "\"deadline\": \"2027-12-31\""))).all()).hasSize(2);
    }

    /**
     * School scopes only when named: {@code school:{schoolId}} or {@code school:*}. They share no scope with the
     * districts and city, so a schools' target may hold from the same day as the districts' one.
     */
    @Test
    void schoolScopesAreJudgedOnlyByTargetsThatNameThem() throws IOException {
        Targets targets = parse(catalog(target("all", ""), target("schools", "\"scopes\": [\"school:*\"]"),
                target("one", "\"scopes\": [\"school:w1\", \"wendeng\"]").replace("2025-12-31", "2026-06-30")));
        assertThat(targets.byId("all").appliesTo("school:w1")).as("no scopes: districts and city").isFalse();
        assertThat(targets.byId("all").appliesTo("wendeng")).isTrue();
        assertThat(targets.byId("schools").appliesTo("school:w9")).isTrue();
        assertThat(targets.byId("schools").appliesTo("city")).isFalse();
        assertThat(targets.applying("school:w1", "meals.coverage", LocalDate.parse("2026-08-01")))
                .map(Target::targetId).as("the later of the two that name it").contains("one");
        assertThat(targets.applying("school:w2", "meals.coverage", LocalDate.parse("2026-08-01")))
                .map(Target::targetId).contains("schools");

        assertThatThrownBy(() -> parse(catalog(target("a", "\"scopes\": [\"school:*\"]"),
                target("b", "\"scopes\": [\"school:w1\"]"))))
                .hasMessageContaining("target 'b' and target 'a' (line 3) both judge meals.coverage");
        assertThatThrownBy(() -> parse(catalog(target("t", "\"scopes\": [\"school:\"]"))))
                .hasMessageContaining("unknown scope 'school:'").hasMessageContaining("school:* for every school");
    }

    @Test
    void notJsonOrNoVersionStopsTheStart() {
        assertThatThrownBy(() -> parse("{\"version\": 1,\n \"targets\": [\n {\"id\": }]}"))
                .hasMessageStartingWith("test.json line 3: not valid JSON");
        assertThatThrownBy(() -> parse("{\"targets\": []}")).hasMessageContaining("no \"version\": 1");
        assertThatThrownBy(() -> parse("{\"version\": 2, \"targets\": []}"))
                .hasMessage("test.json line 1: version must be 1, got 2");
    }

    @Test
    void aBaselineAndTolerancesAreRead() throws IOException {
        Target t = parse(catalog(target("t", "\"baseline\": {\"value\": 0.8, \"date\": \"2025-01-01\"}"))).byId("t");
        assertThat(t.baseline()).isEqualTo(new Target.Baseline(0.8, LocalDate.parse("2025-01-01")));
        assertThat(t.tolerance()).isZero();
        assertThat(t.line()).isEqualTo(3);
        assertThat(t.scopes()).isEqualTo(Set.of());
    }

    private static Targets parse(String json) throws IOException {
        return TargetCatalog.parse("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String catalog(String... targets) {
        return "{\"version\": 1,\n\"targets\": [\n" + String.join(",\n", targets) + "\n]}\n";
    }

    /**
     * A target of 8 lines (its "{" on the first, then id, planItem, plan, metric, comparison, threshold, deadline
     * one per line) and the closing "}" on its own line: 9 lines, so the next starts 9 lines later. {@code change}
     * replaces the field it names or, if there is none of that name, comes as one extra line before the "}".
     */
    private static String target(String id, String change) {
        String[] fields = {"\"id\": \"" + id + "\"", "\"planItem\": 9", "\"plan\": {\"zh\": \"午餐\", \"en\": \"lunch\"}",
                "\"metric\": \"meals.coverage\"", "\"comparison\": \"AT_LEAST\"", "\"threshold\": 1.0",
                "\"deadline\": \"2025-12-31\""};
        String name = change.isEmpty() ? "" : change.substring(0, change.indexOf(':'));
        StringBuilder json = new StringBuilder("{\n");
        boolean replaced = false;
        for (int i = 0; i < fields.length; i++) {
            boolean same = !name.isEmpty() && fields[i].startsWith(name + ":");
            replaced |= same;
            json.append(same ? change : fields[i]).append(i < fields.length - 1 || (!replaced && !name.isEmpty()) ? ",\n" : "\n");
        }
        if (!replaced && !name.isEmpty()) {
            json.append(change).append("\n");
        }
        return json.append("}").toString();
    }
}
