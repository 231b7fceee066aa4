package org.ruraledu.streams.targets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.kpi.Target;
import org.ruraledu.streams.kpi.Targets;

/**
 * The plan's target catalog: a versioned JSON file, shipped as {@value #BUILT_IN} or the operator's own
 * ({@value #FILE_SETTING}), read once when the topology is built. Every error stops the start with a message that
 * names the file and the line ("plan-targets.json line 14: bad date '2025-13-01' in deadline of target
 * 'plan-38-care-rooms'"); that a metric exists is checked once the domains have declared theirs
 * ({@link Targets#checkMetrics}).
 *
 * <pre>
 * {"version": 1, "targets": [
 *   {"id": "plan-09-lunch", "planItem": 9, "plan": {"zh": "...", "en": "..."}, "metric": "meals.coverage",
 *    "scopes": ["city", "wendeng"],            (optional; absent = every district and the city; school scopes
 *                                               only when named: "school:{schoolId}", "school:*" = every school)
 *    "comparison": "AT_LEAST", "threshold": 1.0, "deadline": "2023-12-31",
 *    "holdsFrom": "2024-01-01",                (optional; absent = the day after the deadline)
 *    "baseline": {"value": 0.8, "date": "2023-07-01"},  (optional: progress expected from there)
 *    "tolerance": 0.05,                        (optional, default 0: before the deadline without a baseline)
 *    "note": "..."}                            (optional, free text)
 * ]}
 * </pre>
 */
public final class TargetCatalog {
    /** Path of the operator's catalog; empty = the built-in one. */
    public static final String FILE_SETTING = "targets.file";
    public static final String BUILT_IN = "org/ruraledu/targets/plan-targets.json";
    static final int VERSION = 1;
    private static final Set<String> FIELDS = Set.of("id", "planItem", "plan", "metric", "scopes", "comparison",
            "threshold", "deadline", "holdsFrom", "baseline", "tolerance", "note");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;

    private TargetCatalog(String source) {
        this.source = source;
    }

    /** The catalog the settings name, validated (all but the metrics). */
    public static Targets load(Settings settings) {
        String file = settings.get(FILE_SETTING).trim();
        if (file.isEmpty()) {
            try (InputStream in = TargetCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new IllegalStateException("built-in target catalog " + BUILT_IN + " missing");
                }
                return parse("plan-targets.json (built in)", in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path path = Path.of(file);
        try (InputStream in = Files.newInputStream(path)) {
            return parse(path.toString(), in);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE_SETTING + "=" + file + ": cannot read the target catalog: " + e, e);
        }
    }

    /** @param source how errors name the catalog */
    public static Targets parse(String source, InputStream in) throws IOException {
        return new TargetCatalog(source).read(in);
    }

    private Targets read(InputStream in) throws IOException {
        List<Target> targets = new ArrayList<>();
        Integer version = null;
        try (JsonParser p = MAPPER.createParser(in)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, p, "the catalog must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int line = line(p);
                JsonToken value = p.nextToken();
                switch (field) {
                    case "version" -> {
                        if (!p.currentToken().isNumeric() || p.getIntValue() != VERSION) {
                            throw error(line, "version must be " + VERSION + ", got " + p.getText());
                        }
                        version = VERSION;
                    }
                    case "targets" -> {
                        expect(value == JsonToken.START_ARRAY, p, "targets must be an array");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            targets.add(target(p));
                        }
                        expect(p.currentToken() == JsonToken.END_ARRAY, p, "every target must be an object");
                    }
                    case "about" -> p.skipChildren();
                    default -> throw error(line, "unknown field '" + field + "' (version, targets, about)");
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw error(line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (version == null) {
            throw error(1, "no \"version\": " + VERSION + " (the catalog's format version)");
        }
        return Targets.of(source, targets);
    }

    /** One target object, the parser at its START_OBJECT: each field kept with its line, then checked. */
    private Target target(JsonParser p) throws IOException {
        int start = line(p);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            lines.put(field, line(p));
            p.nextToken();
            if (!FIELDS.contains(field)) {
                throw error(line(p), "unknown field '" + field + "' in a target (" + String.join(", ",
                        new TreeSet<>(FIELDS)) + ")");
            }
            fields.put(field, p.readValueAsTree());
        }
        return new Entry(start, fields, lines).target();
    }

    /** The fields of one target and the lines they are on. */
    private final class Entry {
        private final int start;
        private final Map<String, JsonNode> fields;
        private final Map<String, Integer> lines;
        private String id = "?";

        Entry(int start, Map<String, JsonNode> fields, Map<String, Integer> lines) {
            this.start = start;
            this.fields = fields;
            this.lines = lines;
        }

        Target target() {
            id = text("id");
            int planItem = integer("planItem");
            if (planItem < 1 || planItem > 40) {
                throw fail("planItem", "planItem must be an item of the key-project list (1..40), got " + planItem);
            }
            JsonNode plan = required("plan");
            if (!plan.isObject() || !plan.path("zh").isTextual() || plan.path("zh").asText().isBlank()
                    || !plan.path("en").isTextual() || plan.path("en").asText().isBlank()) {
                throw fail("plan", "plan must give the plan's words as {\"zh\": \"...\", \"en\": \"...\"}");
            }
            String metric = text("metric");
            Target.Direction direction = comparison();
            double threshold = number("threshold");
            LocalDate deadline = date("deadline", required("deadline"));
            LocalDate holdsFrom = fields.containsKey("holdsFrom") ? date("holdsFrom", fields.get("holdsFrom"))
                    : deadline.plusDays(1);
            if (holdsFrom.isBefore(deadline)) {
                throw fail("holdsFrom", "holdsFrom " + holdsFrom + " is before the deadline " + deadline);
            }
            Target.Baseline baseline = baseline(deadline);
            double tolerance = fields.containsKey("tolerance") ? number("tolerance") : 0;
            if (tolerance < 0) {
                throw fail("tolerance", "tolerance must not be negative, got " + tolerance);
            }
            return new Target(id, planItem, metric, scopes(), direction, threshold, deadline, holdsFrom, baseline,
                    tolerance, new Target.Words(plan.get("zh").asText(), plan.get("en").asText()), start);
        }

        private Target.Direction comparison() {
            String comparison = text("comparison");
            try {
                return Target.Direction.valueOf(comparison);
            } catch (IllegalArgumentException e) {
                throw fail("comparison", "comparison must be AT_LEAST or AT_MOST, got '" + comparison + "'");
            }
        }

        /** {@code school:{schoolId}} (a school's own KPIs) or {@code school:*} (every school's). */
        private static boolean isSchool(String scope) {
            return Kpi.isSchoolScope(scope) && !scope.substring(Kpi.SCHOOL_SCOPE_PREFIX.length()).isBlank();
        }

        private Set<String> scopes() {
            if (!fields.containsKey("scopes")) {
                return Set.of();
            }
            JsonNode scopes = fields.get("scopes");
            if (!scopes.isArray() || scopes.isEmpty()) {
                throw fail("scopes", "scopes must be a non-empty list of district keys, \"city\" and/or school"
                        + " scopes (leave it out for every district and the city)");
            }
            Set<String> keys = new LinkedHashSet<>();
            for (JsonNode scope : scopes) {
                String key = scope.asText();
                if (!scope.isTextual() || !(District.CITY.equals(key) || District.isKey(key) || isSchool(key))) {
                    throw fail("scopes", "unknown scope '" + scope.asText() + "' (district keys: "
                            + String.join(", ", Arrays.stream(District.values()).map(District::key)
                                    .toList()) + "; city; school:{schoolId} for one school, "
                            + Target.EVERY_SCHOOL + " for every school)");
                }
                keys.add(key);
            }
            return keys;
        }

        private Target.Baseline baseline(LocalDate deadline) {
            JsonNode baseline = fields.get("baseline");
            if (baseline == null) {
                return null;
            }
            if (!baseline.isObject() || !baseline.path("value").isNumber() || !baseline.has("date")) {
                throw fail("baseline", "baseline must be {\"value\": number, \"date\": \"YYYY-MM-DD\"}");
            }
            LocalDate date = date("baseline", baseline.get("date"));
            if (!date.isBefore(deadline)) {
                throw fail("baseline", "baseline date " + date + " is not before the deadline " + deadline);
            }
            return new Target.Baseline(baseline.get("value").asDouble(), date);
        }

        private JsonNode required(String field) {
            JsonNode node = fields.get(field);
            if (node == null || node.isNull()) {
                throw error(start, "target '" + id + "' has no " + field);
            }
            return node;
        }

        private String text(String field) {
            JsonNode node = required(field);
            if (!node.isTextual() || node.asText().isBlank()) {
                throw fail(field, field + " must be a non-empty string");
            }
            return node.asText();
        }

        private int integer(String field) {
            JsonNode node = required(field);
            if (!node.isInt()) {
                throw fail(field, field + " must be an integer, got " + node);
            }
            return node.asInt();
        }

        private double number(String field) {
            JsonNode node = required(field);
            if (!node.isNumber()) {
                throw fail(field, field + " must be a number, got " + node);
            }
            return node.asDouble();
        }

        private LocalDate date(String field, JsonNode node) {
            try {
                if (node.isTextual()) {
                    return LocalDate.parse(node.asText());
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw fail(field, "bad date " + node + " in " + field + " (YYYY-MM-DD)");
        }

        private IllegalArgumentException fail(String field, String message) {
            return error(lines.getOrDefault(field, start), message + " (target '" + id + "')");
        }
    }

    private void expect(boolean ok, JsonParser at, String message) {
        if (!ok) {
            throw error(line(at), message);
        }
    }

    private static int line(JsonParser p) {
        return p.getTokenLocation().getLineNr();
    }

    private IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException(source + (line > 0 ? " line " + line : "") + ": " + message);
    }
}
