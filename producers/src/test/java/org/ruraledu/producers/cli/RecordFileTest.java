package org.ruraledu.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruraledu.records.InputKind;

class RecordFileTest {
    @TempDir
    Path dir;

    @Test
    void jsonLinesKeepTheirLineNumbersAcrossBlankLinesAndBadJson() throws IOException {
        List<RecordFile.Line> lines = read("a.jsonl", """
                {"reportId": "r1"}

                {"reportId": "r2"
                {"reportId": "r3", "reportId": "again"}
                {"reportId": "r4"} trailing
                {"reportId": "r5"}""", InputKind.MEAL_REPORTS);

        assertThat(lines).extracting(RecordFile.Line::number).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(lines).extracting(RecordFile.Line::readable).containsExactly(true, false, false, false, true);
        assertThat(lines.get(0).json().path("reportId").asText()).isEqualTo("r1");
        assertThat(lines.get(1).errors().get(0).message()).startsWith("invalid JSON").contains("column");
        assertThat(lines.get(2).errors().get(0).message()).contains("Duplicate field 'reportId'");
        assertThat(lines.get(3).errors().get(0).message()).startsWith("invalid JSON");
        assertThat(lines.get(1).raw()).isEqualTo("{\"reportId\": \"r2\"");
    }

    @Test
    void aJsonArrayGivesEachElementTheLineItStartsOn() throws IOException {
        List<RecordFile.Line> lines = read("a.json", """
                [
                  {"reportId": "r1"},
                  {
                    "reportId": "r2"
                  }
                ]
                """, InputKind.MEAL_REPORTS);

        assertThat(lines).extracting(RecordFile.Line::number).containsExactly(2L, 3L);
        assertThat(lines).allMatch(RecordFile.Line::readable);
        assertThat(lines.get(1).json().path("reportId").asText()).isEqualTo("r2");
    }

    @Test
    void aSyntaxErrorInAJsonArrayEndsTheFileWithItsLine() throws IOException {
        List<RecordFile.Line> lines = read("a.json", "[\n{\"reportId\": \"r1\"},\n{\"reportId\" \"r2\"}\n]",
                InputKind.MEAL_REPORTS);
        assertThat(lines).extracting(RecordFile.Line::number).containsExactly(2L, 3L);
        assertThat(lines.get(1).readable()).isFalse();
        assertThat(lines.get(1).errors().get(0).message()).contains("rest of the file");
    }

    @Test
    void csvRowsBecomeObjectsOfTextCellsWithTheirLineNumbers() throws IOException {
        List<RecordFile.Line> lines = read("m.csv", "\uFEFFreportId,schoolId,needing\n"
                + "r1,S1,12\n"
                + "\n"
                + "r2, S2 ,\n"
                + "\"r3\",\"S3\nsecond line\",7\n"
                + "r4,S4", InputKind.MEAL_REPORTS);

        assertThat(lines).extracting(RecordFile.Line::number).containsExactly(2L, 4L, 5L, 7L);
        assertThat(lines.get(0).json().toString()).isEqualTo("{\"reportId\":\"r1\",\"schoolId\":\"S1\",\"needing\":\"12\"}");
        assertThat(lines.get(1).json().path("schoolId").asText()).isEqualTo("S2");
        assertThat(lines.get(1).json().path("needing").asText()).isEmpty();
    }

    @Test
    void aCsvRowWithTheWrongNumberOfCellsIsAnErrorOfItsLine() throws IOException {
        List<RecordFile.Line> lines = read("m.csv", "reportId,schoolId\nr1,S1\nr2,S2,extra\nr3,S3\n",
                InputKind.MEAL_REPORTS);
        assertThat(lines).extracting(RecordFile.Line::readable).containsExactly(true, false, true);
        assertThat(lines.get(1).number()).isEqualTo(3);
        assertThat(lines.get(1).errors().get(0).message()).isEqualTo("has 3 cells, the header has 2");
        assertThat(lines.get(1).raw()).isEqualTo("r2,S2,extra");
    }

    @Test
    void aCsvHeaderWithAColumnThatIsNoFieldFailsTheWholeFile() throws IOException {
        Path file = write("m.csv", "reportId,schoolid,needing\nr1,S1,3\n");
        RecordFile records = new RecordFile(file, RecordFile.Format.CSV, InputKind.MEAL_REPORTS);
        assertThatThrownBy(() -> records.forEach(l -> { }))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("line 1: header: column schoolid not fields of MealReport");
    }

    @Test
    void formatComesFromTheFlagOrTheExtension() {
        assertThat(RecordFile.Format.of(Path.of("x.csv"), null)).isEqualTo(RecordFile.Format.CSV);
        assertThat(RecordFile.Format.of(Path.of("x.CSV"), null)).isEqualTo(RecordFile.Format.CSV);
        assertThat(RecordFile.Format.of(Path.of("x.jsonl"), null)).isEqualTo(RecordFile.Format.JSON);
        assertThat(RecordFile.Format.of(Path.of("x.json"), null)).isEqualTo(RecordFile.Format.JSON);
        assertThat(RecordFile.Format.of(Path.of("x.txt"), "csv")).isEqualTo(RecordFile.Format.CSV);
        assertThatThrownBy(() -> RecordFile.Format.of(Path.of("x.txt"), null)).hasMessageContaining("--format");
        assertThatThrownBy(() -> RecordFile.Format.of(Path.of("x.csv"), "xml")).hasMessageContaining("unknown format");
    }

    private List<RecordFile.Line> read(String name, String content, InputKind kind) throws IOException {
        Path file = write(name, content);
        List<RecordFile.Line> lines = new ArrayList<>();
        new RecordFile(file, RecordFile.Format.of(file, null), kind).forEach(lines::add);
        return lines;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
