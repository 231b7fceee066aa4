package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.AlertType;
import org.ruraledu.streams.ingest.RejectionCode;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.Topics;

/**
 * docs/contract.md is the contract a user of the project gets: it must name everything the code defines (topics,
 * metric ids, alert types, dead-letter codes, HTTP routes), and what it calls implemented or added must exist.
 * Metric ids, raised alert types and routes are read from the main sources of every module, so a new one anywhere
 * fails this test until the page names it.
 */
class ContractDocTest {
    private static final Path ROOT = Path.of("..");
    private static final Set<String> IN_CODE = Set.of("implemented", "added");
    /** {@code Metric.count("dropout.open_cases.by_grade." + grade, ...)}: a literal id, or a prefix and a part. */
    private static final Pattern METRIC = Pattern.compile("Metric\\.(?:count|ratio|rate|median|lowest|highest)\\(\\s*\"([^\"]+)\"(\\s*\\+)?");
    private static final Pattern ROUTE = Pattern.compile("\\.(get|post|put|patch|delete)\\(\\s*\"(/[^\"]*)\"");
    private static final Pattern ALERT_TYPE = Pattern.compile("AlertType\\.([A-Z_]+)");

    private record Row(String id, String status) {}

    @Test
    void namesEveryTopicOfTheRegistryAndNoOther() {
        Map<String, String> rows = statusById("Topics");
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.all().stream().map(Topic::name).toList());
        assertThat(rows.values()).allMatch(IN_CODE::contains);
    }

    @Test
    void namesEveryMetricIdTheCodeDefinesAndClaimsNoOther() {
        Set<String> inCode = new TreeSet<>();
        for (MatchResult m : matches(METRIC, mainSources())) {
            inCode.add(m.group(2) == null ? m.group(1) : m.group(1) + "{}"); // "prefix." + part: a family of ids
        }
        Map<String, String> rows = statusById("Metrics");
        Set<String> claimed = rows.entrySet().stream().filter(e -> IN_CODE.contains(e.getValue()))
                .map(e -> e.getKey().replaceAll("\\{[^}]*}", "{}")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(claimed).as("metrics the page says the code has (implemented or added)")
                .containsExactlyInAnyOrderElementsOf(inCode);
    }

    @Test
    void namesEveryAlertTypeAndCallsImplementedExactlyThoseTheStreamsApplicationRaises() {
        Map<String, String> rows = statusById("Alert types");
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AlertType.values()).map(Enum::name).toList());
        Set<String> raised = new TreeSet<>();
        for (MatchResult m : matches(ALERT_TYPE, sourcesOf("streams"))) {
            raised.add(m.group(1));
        }
        assertThat(rows.entrySet().stream().filter(e -> IN_CODE.contains(e.getValue())).map(Map.Entry::getKey))
                .containsExactlyInAnyOrderElementsOf(raised);
    }

    @Test
    void namesEveryDeadLetterErrorCode() {
        assertThat(statusById("Dead letters").keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(RejectionCode.values()).map(Enum::name).toList());
    }

    @Test
    void namesEveryHttpRouteTheCodeServesAndClaimsNoOther() {
        Set<String> inCode = new TreeSet<>();
        for (MatchResult m : matches(ROUTE, mainSources())) {
            inCode.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2));
        }
        Set<String> claimed = rows("HTTP routes").stream().filter(r -> IN_CODE.contains(r.status())).map(Row::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(inCode);
    }

    @Test
    void theReadmePointsAtThisPageNotAtACopyOutsideTheRepository() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("(docs/contract.md)").doesNotContain("../shared/");
    }

    /** The rows of the table under {@code ## heading}: the first cell's code span and the last cell. */
    private static List<Row> rows(String heading) {
        String doc = read(ROOT.resolve("docs/contract.md"));
        int start = doc.indexOf("\n## " + heading + "\n");
        assertThat(start).as("docs/contract.md has a section '## %s'", heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        List<Row> rows = new ArrayList<>();
        for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n")) {
            if (line.startsWith("| `")) {
                String[] cells = line.replace("\\|", "/").split("\\|");
                rows.add(new Row(cells[1].trim().replaceAll("^`([^`]*)`.*$", "$1"), cells[cells.length - 1].trim()));
            }
        }
        return rows;
    }

    private static Map<String, String> statusById(String heading) {
        Map<String, String> byId = new LinkedHashMap<>();
        rows(heading).forEach(r -> assertThat(byId.put(r.id(), r.status())).as("%s listed once", r.id()).isNull());
        return byId;
    }

    private static List<MatchResult> matches(Pattern pattern, List<String> sources) {
        return sources.stream().flatMap(source -> pattern.matcher(source).results()).toList();
    }

    private static List<String> mainSources() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.filter(dir -> Files.isDirectory(dir.resolve("src/main/java")))
                    .flatMap(dir -> sourcesOf(dir.getFileName().toString()).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> sourcesOf(String module) {
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).map(ContractDocTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
