package org.ruraledu.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.embedded.SharedBroker;
import org.ruraledu.producers.testing.Cli;
import org.ruraledu.producers.testing.KafkaTopics;
import org.ruraledu.producers.testing.TestData;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

class SubmitIT {
    @TempDir(factory = UuidNamed.class)
    Path dir;

    /**
     * Messages quote the file's path, redacted. JUnit names a temp directory with a random number, which a
     * structure check takes for an ID number a few times in 100,000 (RawIdentifierCorporaTest); a UUID name
     * never in a million, so what the tests expect does not depend on the draw.
     */
    static final class UuidNamed implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension)
                throws IOException {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createDirectory(tmp.resolve("submit-it-" + UUID.randomUUID()));
        }
    }

    private final String school = TestData.uniqueSchoolId();

    @Test
    void aValidJsonLinesFileLandsOnTheKindsTopic() throws IOException {
        Path file = write("meals.jsonl", Stream.of(TestData.meal(school), TestData.meal(school), TestData.meal(school))
                .map(Object::toString).collect(Collectors.joining("\n", "", "\n")));

        Cli.Run run = submit("meal-reports", file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("submitted 3 records to ruraledu.meal-reports.v1\n");
        assertThat(KafkaTopics.committedFor(Topics.MEAL_REPORTS.name(), school)).hasSize(3);
    }

    @Test
    void aValidCsvFileLandsWithTextCellsConverted() throws IOException {
        String day = TestData.yesterday().toString();
        Path file = write("enrollment.csv", "reportId,schoolId,asOf,enrolled,boarders,leftBehindRegistered\n"
                + "e1," + school + "," + day + ",300,40,25\n"
                + "e2," + school + "," + day + ",301,40,25\n");

        Cli.Run run = submit("enrollment", file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("submitted 2 records to ruraledu.enrollment.v1");
        assertThat(KafkaTopics.committedFor(Topics.ENROLLMENT.name(), school)).hasSize(2);
    }

    @Test
    void theSchoolRegistryCanBeSubmittedFromCsv() throws IOException {
        Path file = write("schools.csv", "schoolId,name,district,township,level,rural,boarding,servesLunch,"
                + "heatingSource,active\n" + school + ",Test school,rushan,,NINE_YEAR,true,TRUE,true,HEAT_PUMP,true\n");

        Cli.Run run = submit("school-registry", file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(KafkaTopics.committedFor(Topics.SCHOOL_REGISTRY.name(), school)).singleElement().satisfies(r -> {
            SchoolProfile profile = Topics.SCHOOL_REGISTRY.valueSerde().deserializer().deserialize(r.topic(), r.value());
            assertThat(profile.getDistrict()).isEqualTo("rushan");
            assertThat(profile.getTownship()).isNull();
            assertThat(profile.getBoarding()).isTrue();
        });
    }

    @Test
    void aFileWithOneBadLineSendsNothingAndSaysWhichLineAndField() throws IOException {
        Path file = write("meals.jsonl", TestData.meal(school) + "\n"
                + TestData.meal(school).put("served", 500) + "\n"
                + "\n"
                + TestData.meal(school).put("extra", 1) + "\n");

        Cli.Run run = submit("meal-reports", file);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                "line 2: served: must not exceed needing (500 > 120)",
                "line 4: extra: is not a field of MealReport",
                "submit: 2 invalid lines in " + file + "; nothing was sent (fix them, or use --skip-invalid)");
        assertThat(run.out()).isEmpty();
        assertThat(KafkaTopics.committedFor(Topics.MEAL_REPORTS.name(), school)).isEmpty();
    }

    /** Issue 6: any 18 digits in the path, here a random number's, were redacted from every message. */
    @Test
    void aPathWithEighteenDigitsIsQuotedAsItIs() throws IOException {
        Path file = Files.writeString(Files.createDirectory(dir.resolve("junit853612094826409115")).resolve("m.jsonl"),
                TestData.meal(school).put("served", 500) + "\n");

        Cli.Run run = submit("meal-reports", file);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).last().asString()
                .isEqualTo("submit: 1 invalid line in " + file
                        + "; nothing was sent (fix them, or use --skip-invalid)");
    }

    @Test
    void linesThePipelineWouldRefuseStopTheFileNamingLineAndField() throws IOException {
        LocalDateTime noon = LocalDate.now(RecordRules.ZONE).atTime(12, 0);
        LocalDate horizon = noon.toLocalDate().minusDays(400); // retention.days' default
        String recordedAt = noon.minusHours(1).atZone(RecordRules.ZONE).toInstant().toString(); // not after noon
        Path file = write("status.jsonl", TestData.studentStatus(school).put("date", "1999-03-01")
                .put("recordedAt", recordedAt) + "\n"
                + TestData.studentStatus(school).put("eventId", "evt\u0000").put("recordedAt", recordedAt) + "\n"
                + TestData.studentStatus(school).put("date", horizon.toString()).put("recordedAt", recordedAt) + "\n");

        Cli.Run run = submit("student-status", file, "--config", clockStartingAt(noon).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                "line 1: date: 1999-03-01 is before the retention horizon " + horizon + " (retention.days = 400): "
                        + "records that old are no longer kept, so the pipeline would dead-letter it (TOO_OLD)",
                "line 2: eventId: holds a control character (U+0000) at position 4: ids and names must be printable text",
                "submit: 2 invalid lines in " + file + "; nothing was sent (fix them, or use --skip-invalid)");
        assertThat(KafkaTopics.committedFor(Topics.STUDENT_STATUS.name(), school)).isEmpty();
    }

    @Test
    void skipInvalidDeadLettersAReportBeforeTheHorizonNamingItsDate() throws IOException {
        String old = TestData.meal(school).put("date", "1999-03-01").toString();
        Path file = write("meals.jsonl", TestData.meal(school) + "\n" + old + "\n");

        Cli.Run run = submit("meal-reports", file, "--skip-invalid");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(KafkaTopics.committedFor(Topics.MEAL_REPORTS.name(), school)).hasSize(1);
        assertThat(KafkaTopics.committedFor(Topics.DEAD_LETTERS.name(), school)).singleElement().satisfies(r -> {
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(old);
            assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.FIELD)).isEqualTo("date");
            assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON))
                    .startsWith("meals.jsonl line 2: date: 1999-03-01 is before the retention horizon");
        });
    }

    @Test
    void aRawStudentNumberInAFileIsRefused() throws IOException {
        Path file = write("status.jsonl", TestData.studentStatus(school).put("studentRef", "370102201001011231") + "\n");

        Cli.Run run = submit("student-status", file);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("line 1: studentRef: looks like a raw student or ID card number");
        assertThat(KafkaTopics.committedFor(Topics.STUDENT_STATUS.name(), school)).isEmpty();
    }

    @Test
    void skipInvalidSendsTheValidLinesAndDeadLettersTheOthersUnchanged() throws IOException {
        String bad = "{\"reportId\": \"broken\", \"schoolId\": \"" + school + "\"";
        Path file = write("meals.jsonl", TestData.meal(school) + "\n" + bad + "\n" + TestData.meal(school) + "\n");

        Cli.Run run = submit("meal-reports", file, "--skip-invalid");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("line 2: invalid JSON");
        assertThat(run.out()).contains("submitted 2 records to ruraledu.meal-reports.v1; 1 invalid lines to "
                + "ruraledu.dead-letters.v1");
        assertThat(KafkaTopics.committedFor(Topics.MEAL_REPORTS.name(), school)).hasSize(2);
        assertThat(KafkaTopics.committed(Topics.DEAD_LETTERS.name()).stream()
                .filter(r -> new String(r.value()).equals(bad))).singleElement().satisfies(r -> {
                    assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON))
                            .startsWith("meals.jsonl line 2: invalid JSON");
                    assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REJECTED_BY)).isEqualTo("cli");
                    assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                            .isEqualTo(Topics.MEAL_REPORTS.name());
                });
    }

    @Test
    void skipInvalidNeverWritesALineWithARawNumberToAnyTopic() throws IOException {
        String number = "G" + randomIdNumber();
        String digits = number.substring(1); // the ID card number inside the student number: what must not leak
        Path file = write("status.jsonl", String.join("\n",
                TestData.studentStatus(school).toString(),
                TestData.studentStatus(school).put("studentRef", number).toString(),
                TestData.studentStatus(school).put("eventId", "evt-" + digits + "-2026").toString(),
                "{\"eventId\": " + number + ", \"schoolId\": \"" + school + "\"}", // not JSON
                TestData.studentStatus(school).put("eventId", "ESCAPED").toString()
                        .replace("ESCAPED", "G\\u0033" + number.substring(2)), // a JSON escape hides nothing
                TestData.studentStatus(school).put("grade", 13).toString()) + "\n");

        Cli.Run run = submit("student-status", file, "--skip-invalid");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).startsWith(
                "line 2: studentRef: looks like a raw student or ID card number: send only the pseudonymous HMAC "
                        + "reference (PIPL art. 28)");
        assertThat(run.err().lines()).contains("line 6: grade: must be between 1 and 12").last().asString()
                .isEqualTo("submit: 4 invalid lines in " + file + " hold what looks like a raw student or ID card "
                        + "number; nothing was sent or dead-lettered, not even with --skip-invalid: send only "
                        + "studentRefs (PIPL art. 28)");
        assertThat(run.err()).doesNotContain(digits);
        assertThat(KafkaTopics.committedFor(Topics.STUDENT_STATUS.name(), school)).as("nothing sent").isEmpty();
        KafkaTopics.committedEverywhere().forEach((topic, records) -> assertThat(records).as(topic)
                .noneSatisfy(r -> assertThat(text(r)).contains(digits)));
    }

    /**
     * A valid ID number (GB 11643-1999: the check character makes the weighted sum, weights 2^(17-i) mod 11, equal
     * 1 mod 11) of a pupil born in January 2010, drawn at random so that a leak found is this test's.
     */
    private static String randomIdNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String first17 = String.format("371002201001%02d%03d", 1 + random.nextInt(31), random.nextInt(1000));
        int sum = IntStream.range(0, 17).map(i -> (first17.charAt(i) - '0') * (1 << (17 - i)) % 11).sum();
        int check = Math.floorMod(1 - sum, 11);
        return first17 + (check == 10 ? "X" : String.valueOf(check));
    }

    /** Key, value and headers of a record as text, every byte a character. */
    private static String text(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.key())).append('|').append(latin1(record.value()));
        for (Header header : record.headers()) {
            text.append('|').append(header.key()).append('=').append(latin1(header.value()));
        }
        return text.toString();
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void failuresEndWithOneLineAndANonZeroCode() throws IOException {
        Cli.Run missing = submit("meal-reports", dir.resolve("nope.jsonl"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("submit: cannot read " + dir.resolve("nope.jsonl") + "\n");

        Cli.Run badKind = submit("lunches", write("x.jsonl", "{}\n"));
        assertThat(badKind.exitCode()).isEqualTo(2);
        assertThat(badKind.err().lines()).singleElement().asString().contains("unknown kind 'lunches'", "meal-reports");

        Cli.Run badHeader = submit("meal-reports", write("x.csv", "reportId,school\nr1,S1\n"));
        assertThat(badHeader.exitCode()).isEqualTo(1);
        assertThat(badHeader.err().lines()).singleElement().asString()
                .startsWith("submit: line 1: header: column school not fields of MealReport");

        Cli.Run empty = submit("meal-reports", write("empty.jsonl", "\n"));
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("holds no records");
    }

    /** Readings of one room, 5 minutes apart, ending an hour ago, as CSV rows (instant, double, booleans, enum). */
    private String readingsCsv(int count) {
        java.time.Instant last = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .minus(java.time.Duration.ofHours(1));
        StringBuilder csv = new StringBuilder("readingId,schoolId,roomId,measuredAt,temperatureC,heatingOn,coolingOn,"
                + "energySource\n");
        for (int i = count - 1; i >= 0; i--) {
            java.time.Instant at = last.minus(java.time.Duration.ofMinutes(5L * i));
            csv.append(school).append("-R01-").append(at.getEpochSecond() / 60).append(',').append(school)
                    .append(",R01,").append(at).append(',').append(18 + i % 4 + 0.5).append(",TRUE,false,COAL\n");
        }
        return csv.toString();
    }

    @Test
    void classroomReadingsFromCsvLandWithInstantsNumbersBooleansAndEnumsConverted() throws IOException {
        // One text for the file and the expected values: built twice, a minute could turn between them.
        String csv = readingsCsv(300);
        Path file = write("readings.csv", csv);

        Cli.Run run = submit("climate-readings", file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("submitted 300 records to ruraledu.climate-readings.v1\n");
        List<ClimateReading> written = KafkaTopics.committedFor(Topics.CLIMATE_READINGS.name(), school).stream()
                .map(r -> Topics.CLIMATE_READINGS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .toList();
        assertThat(written).hasSize(300);
        ClimateReading lastRow = written.get(299);
        String[] cells = csv.lines().toList().get(300).split(",");
        assertThat(lastRow.getReadingId()).isEqualTo(cells[0]);
        assertThat(lastRow.getMeasuredAt()).isEqualTo(java.time.Instant.parse(cells[3]));
        assertThat(lastRow.getTemperatureC()).isEqualTo(Double.parseDouble(cells[4]));
        assertThat(lastRow.getHeatingOn()).isTrue();
        assertThat(lastRow.getCoolingOn()).isFalse();
        assertThat(lastRow.getEnergySource()).isEqualTo(EnergySource.COAL);
    }

    @Test
    void aReadingsFileWithBadLinesSendsNothingAndNamesLineAndField() throws IOException {
        String future = java.time.Instant.now().plus(java.time.Duration.ofMinutes(10))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Path jsonl = write("readings.jsonl", TestData.climate(school) + "\n"
                + TestData.climate(school).put("temperatureC", 75) + "\n"
                + TestData.climate(school).toString().replace("\"temperatureC\":18.5", "\"temperatureC\":NaN") + "\n"
                + TestData.climate(school).put("measuredAt", future) + "\n"
                + TestData.climate(school).put("temperatureC", -41) + "\n");

        Cli.Run run = submit("climate-readings", jsonl);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                "line 2: temperatureC: must be a temperature between -40 and 60 °C, got 75.0",
                "line 3: temperatureC: must be a finite number, got NaN (NaN and infinity are no measurement)",
                "line 4: measuredAt: must not be in the future (" + future + ")",
                "line 5: temperatureC: must be a temperature between -40 and 60 °C, got -41.0",
                "submit: 4 invalid lines in " + jsonl + "; nothing was sent (fix them, or use --skip-invalid)");

        List<String> rows = new java.util.ArrayList<>(readingsCsv(3).lines().toList());
        rows.set(2, rows.get(2).replaceFirst(",[0-9.]+,TRUE,", ",NaN,TRUE,"));
        rows.set(3, rows.get(3).replace(",COAL", ",PEAT"));
        Path csv = write("readings.csv", String.join("\n", rows) + "\n");

        Cli.Run csvRun = submit("climate-readings", csv);

        assertThat(csvRun.exitCode()).isEqualTo(1);
        assertThat(csvRun.err().lines()).startsWith(
                "line 3: temperatureC: must be a finite number, got NaN (NaN and infinity are no measurement)")
                .anySatisfy(line -> assertThat(line).startsWith("line 4: energySource: must be one of ELECTRIC"));
        assertThat(KafkaTopics.committedFor(Topics.CLIMATE_READINGS.name(), school)).isEmpty();
    }

    @Test
    void careReportsFromCsvLandAndAContactCountOverTheRegisteredIsRefused() throws IOException {
        LocalDateTime noon = LocalDate.now(RecordRules.ZONE).atTime(12, 0);
        Path clock = clockStartingAt(noon);
        String month = java.time.YearMonth.from(noon).minusMonths(1).toString();
        String header = "reportId,schoolId,month,registered,contacted,homeVisits,counselingSessions,parentSessions,"
                + "careRoomOperating\n";
        Path good = write("care.csv", header + school + "-care-" + month + "-1," + school + "," + month
                + ",30,28,9,4,2,false\n" + school + "-care-" + month + "-2," + school + "," + month
                + ",30,30,9,4,2,true\n");

        Cli.Run run = submit("care-reports", good, "--config", clock.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(KafkaTopics.committedFor(Topics.CARE_REPORTS.name(), school))
                .extracting(r -> Topics.CARE_REPORTS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .extracting(CareReport::getMonth, CareReport::getContacted, CareReport::getCareRoomOperating)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(month, 28, false),
                        org.assertj.core.groups.Tuple.tuple(month, 30, true));

        String otherSchool = TestData.uniqueSchoolId();
        String next = java.time.YearMonth.from(noon).plusMonths(1).toString();
        Path bad = write("care-bad.csv", header + "c1," + otherSchool + "," + month + ",30,31,9,4,2,true\n"
                + "c2," + otherSchool + "," + next + ",30,30,9,4,2,true\n");

        Cli.Run refused = submit("care-reports", bad, "--config", clock.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().lines()).containsExactly(
                "line 2: contacted: must not exceed registered (31 > 30)",
                "line 3: month: must not be in the future",
                "submit: 2 invalid lines in " + bad + "; nothing was sent (fix them, or use --skip-invalid)");
        assertThat(KafkaTopics.committedFor(Topics.CARE_REPORTS.name(), otherSchool)).isEmpty();
    }

    private Cli.Run submit(String kind, Path file, String... more) {
        String[] args = Stream.concat(Stream.of("--bootstrap-servers", SharedBroker.get().bootstrapServers(),
                "--kind", kind, file.toString()), Stream.of(more)).toArray(String[]::new);
        return Cli.run(new SubmitCommand(), args);
    }

    /**
     * A settings file that starts submit's clock at {@code start} in Weihai ({@code clock.start}), so that what a
     * test expects of submit's "today" (the retention horizon, next month) is the day of {@code start}: on real
     * time, submit takes its own when it starts, and the day (the month) may turn in between, at midnight in Weihai.
     */
    private Path clockStartingAt(LocalDateTime start) throws IOException {
        return write("clock-" + UUID.randomUUID() + ".properties", PipelineClock.START + "=" + start + "\n");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
