package org.ruraledu.producers.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ruraledu.contract.Json;
import org.ruraledu.producers.client.StrictJson;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.StudentRefs;

/**
 * The records of an input file, one {@link Line} at a time, without holding the file in memory: JSON lines
 * (one object per line), a JSON array, or CSV whose header row names the fields. Problems of reading (bad JSON,
 * a row with the wrong number of cells) come back as errors of their line, never as exceptions, so that every
 * bad line of a file is reported at once; only a wrong CSV header fails the whole file.
 */
final class RecordFile {
    enum Format {
        /** JSON lines, or one JSON array of objects. */
        JSON,
        /** Comma-separated, with a header row of field names. */
        CSV;

        /** From {@code --format} (csv, json, jsonl), else from the file's extension. */
        static Format of(Path file, String flag) {
            String name = flag != null ? flag : extension(file);
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json", "jsonl", "ndjson" -> JSON;
                default -> throw new CommandFailedException(flag != null
                        ? "unknown format '" + flag + "'; one of csv, jsonl, json"
                        : "cannot tell the format of " + file + " from its name: use .csv, .jsonl or .json, or --format");
            };
        }

        private static String extension(Path file) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot < 0 ? "" : name.substring(dot + 1);
        }
    }

    /**
     * One record of the file.
     *
     * @param number the line it starts on (1-based)
     * @param json   the record as JSON (CSV rows as an object of header → cell), or null if unreadable
     * @param raw    the text as read, for the dead-letter topic (a CSV row as that JSON object when it has
     *               every cell, since a row means nothing without its header)
     * @param errors why the line could not be read; empty if it could
     */
    record Line(long number, JsonNode json, String raw, List<FieldError> errors) {
        boolean readable() {
            return errors.isEmpty();
        }

        /**
         * True if the line holds what looks like a raw student or ID card number anywhere: in its text, or in its
         * values once JSON escapes ({@code "\u0033..."}) are undone.
         */
        boolean holdsRawIdentifier() {
            return StudentRefs.looksLikeRawIdentifier(raw)
                    || json != null && StudentRefs.looksLikeRawIdentifier(json.toString());
        }
    }

    private final Path file;
    private final Format format;
    private final InputKind kind;

    RecordFile(Path file, Format format, InputKind kind) {
        this.file = file;
        this.format = format;
        this.kind = kind;
    }

    /** CSV cells are text; the conversion must accept "12" for a number and "true" for a boolean. */
    boolean textValues() {
        return format == Format.CSV;
    }

    void forEach(Consumer<Line> each) throws IOException {
        try (BufferedReader reader = open()) {
            if (format == Format.CSV) {
                readCsv(reader, each);
            } else if (startsWithArray(reader)) {
                readArray(reader, each);
            } else {
                readLines(reader, each);
            }
        }
    }

    private BufferedReader open() throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        reader.mark(1);
        if (reader.read() != '\uFEFF') { // spreadsheets write a byte-order mark before the header
            reader.reset();
        }
        return reader;
    }

    private static void readLines(BufferedReader reader, Consumer<Line> each) throws IOException {
        long number = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                each.accept(new Line(number, StrictJson.READER.readTree(text), text, List.of()));
            } catch (JsonProcessingException e) {
                each.accept(new Line(number, null, text, List.of(new FieldError(0, null, StrictJson.describe(e)
                        .replaceAll(" \\(line 1, column (\\d+)\\)$", " (column $1)")))));
            }
        }
    }

    private static boolean startsWithArray(BufferedReader reader) throws IOException {
        reader.mark(64 * 1024);
        int c;
        do {
            c = reader.read();
        } while (c != -1 && Character.isWhitespace(c));
        reader.reset();
        return c == '[';
    }

    /** A JSON array: each element's line is where it starts; a syntax error ends the file (nothing after it parses). */
    private static void readArray(Reader reader, Consumer<Line> each) throws IOException {
        try (JsonParser parser = StrictJson.strict(Json.MAPPER.getFactory().createParser(reader))) {
            long line = 1;
            try {
                parser.nextToken();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    line = parser.currentTokenLocation().getLineNr();
                    JsonNode element = Json.MAPPER.readTree(parser);
                    each.accept(new Line(line, element, element.toString(), List.of()));
                }
                if (parser.nextToken() != null) {
                    throw new com.fasterxml.jackson.core.JsonParseException(parser, "content after the array");
                }
            } catch (JsonProcessingException e) {
                long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
                each.accept(new Line(at, null, "", List.of(new FieldError(0, null, StrictJson.describe(e)
                        + "; the rest of the file cannot be read"))));
            }
        }
    }

    private void readCsv(Reader reader, Consumer<Line> each) throws IOException {
        CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = openCsv(reader, csv)) {
            List<String> header = parser.getHeaderNames();
            checkHeader(header);
            for (CSVRecord row : parser) {
                long number = startLine(parser, row);
                if (row.size() != header.size()) {
                    each.accept(new Line(number, null, csv.format((Object[]) row.values()), List.of(new FieldError(0, null,
                            "has " + row.size()
                            + " cells, the header has " + header.size()))));
                    continue;
                }
                ObjectNode json = Json.MAPPER.createObjectNode();
                for (int i = 0; i < header.size(); i++) {
                    json.put(header.get(i), row.get(i));
                }
                each.accept(new Line(number, json, json.toString(), List.of()));
            }
        } catch (java.io.UncheckedIOException e) {
            throw new CommandFailedException("cannot read " + file + " as CSV: " + e.getCause().getMessage());
        }
    }

    /**
     * The parser counts the lines it has consumed, which after a row is the row's last line (blank lines before
     * it included); a quoted cell may span lines, so those are subtracted.
     */
    private static long startLine(CSVParser parser, CSVRecord row) {
        long lineBreaksInCells = row.stream().mapToLong(cell -> cell.chars().filter(c -> c == '\n').count()).sum();
        return parser.getCurrentLineNumber() - lineBreaksInCells;
    }

    private CSVParser openCsv(Reader reader, CSVFormat csv) throws IOException {
        try {
            return CSVParser.builder().setReader(reader).setFormat(csv).get();
        } catch (IllegalArgumentException e) { // duplicate or empty column names
            throw new CommandFailedException("line 1: header: " + e.getMessage());
        }
    }

    /** A column that is no field would be silently dropped from every row: fail the file instead. */
    private void checkHeader(List<String> header) {
        Schema schema = SpecificData.get().getSchema(kind.recordClass());
        Set<String> fields = schema.getFields().stream().map(Schema.Field::name).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>(header.stream().filter(h -> !fields.contains(h)).toList());
        if (header.isEmpty() || !unknown.isEmpty()) {
            throw new CommandFailedException("line 1: header: " + (header.isEmpty() ? "no header row"
                    : "column" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown) + " not fields of "
                            + schema.getName()) + " (fields: " + schema.getFields().stream().map(Schema.Field::name)
                            .collect(Collectors.joining(", ")) + ")");
        }
    }
}
