package org.ruraledu.producers.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.client.DeadLetter;
import org.ruraledu.producers.client.KafkaSendException;
import org.ruraledu.producers.client.RecordValidator;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.JsonRecords;
import org.ruraledu.records.RecordRules;
import org.ruraledu.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code submit --kind KIND FILE}: a file of input records into Kafka. The file is checked completely before
 * anything is sent, so a file with one bad line sends nothing (unless {@code --skip-invalid}); then it is read
 * a second time and sent, so that a file of millions of lines never sits in memory.
 *
 * <p>An invalid line that holds what looks like a raw student or ID card number sends nothing, even with
 * {@code --skip-invalid}: dead-lettering it would copy a minor's number to another topic (PIPL art. 28), and
 * skipping it silently would lose a report. The school replaces the number by its studentRef and sends again.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Sends a file of input records (JSON lines, a JSON array, or CSV with a header row of field "
                + "names) to the kind's Kafka topic. Every line is checked first: if any is invalid, each error is "
                + "printed as 'line N: field: message' and nothing is sent.")
public final class SubmitCommand implements Callable<Integer> {
    /** Above this many records the progress bar shows even when stderr is not a terminal. */
    static final long LARGE_FILE_RECORDS = 10_000;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND", converter = InputKindConverter.class,
            completionCandidates = InputKindConverter.Candidates.class,
            description = "What the file holds: ${COMPLETION-CANDIDATES}.")
    InputKind kind;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv, jsonl or json (default: from the file's extension).")
    String format;

    @Option(names = "--skip-invalid",
            description = "Send the valid lines and put the invalid ones on " + "ruraledu.dead-letters.v1"
                    + " with the reason, instead of sending nothing; a line holding a raw student or ID card number "
                    + "still stops the whole file.")
    boolean skipInvalid;

    @Parameters(paramLabel = "FILE", description = "The file to send.")
    Path file;

    /** What one reading of the file found. */
    private static final class Tally {
        long valid;
        long invalid;
        /** Invalid lines that hold a raw student or ID card number: never sent, never dead-lettered. */
        long rawIdentifier;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(file)) {
            throw new CommandFailedException("cannot read " + file);
        }
        PrintWriter err = spec.commandLine().getErr();
        RecordFile records = new RecordFile(file, RecordFile.Format.of(file, format), kind);
        // One clock for both readings and the client's own check: a line valid in the check is valid when sent,
        // even when midnight moves the retention horizon past it in between (the client would refuse it mid-file);
        // the dead letters of --skip-invalid are stamped with the time they were judged, the check's.
        Clock checkedAt = Clock.fixed(PipelineClock.from(common.settings()).instant(), RecordRules.ZONE);
        RecordValidator validator = new RecordValidator(RecordRules.forSenders(checkedAt, common.settings()));
        Tally check = check(records, validator, err);
        if (check.rawIdentifier > 0) {
            boolean one = check.rawIdentifier == 1;
            throw new CommandFailedException(check.rawIdentifier + " invalid line" + (one ? "" : "s") + " in " + file
                    + (one ? " holds" : " hold") + " what looks like a raw student or ID card number; nothing was "
                    + "sent or dead-lettered, not even with --skip-invalid: send only studentRefs (PIPL art. 28)");
        }
        if (check.invalid > 0 && !skipInvalid) {
            throw new CommandFailedException(check.invalid + " invalid line" + (check.invalid == 1 ? "" : "s")
                    + " in " + file + "; nothing was sent (fix them, or use --skip-invalid)");
        }
        if (check.valid == 0 && check.invalid == 0) {
            throw new CommandFailedException(file + " holds no records");
        }
        Tally sent = send(records, validator, checkedAt, new ProgressBar(err,
                check.valid + check.invalid, ProgressBar.wanted(check.valid + check.invalid, LARGE_FILE_RECORDS)));
        PrintWriter out = spec.commandLine().getOut();
        out.println("submitted " + sent.valid + " records to " + kind.topic().name()
                + (sent.invalid == 0 ? "" : "; " + sent.invalid + " invalid lines to " + Topics.DEAD_LETTERS.name()));
        out.flush();
        return 0;
    }

    /** The first reading: every error of every line, printed as {@code line N: field: message}. */
    private Tally check(RecordFile records, RecordValidator validator, PrintWriter err) throws IOException {
        Tally tally = new Tally();
        records.forEach(line -> {
            List<FieldError> errors = convert(line, records, validator).errors();
            if (errors.isEmpty()) {
                tally.valid++;
            } else {
                tally.invalid++;
                tally.rawIdentifier += line.holdsRawIdentifier() ? 1 : 0;
                errors.forEach(e -> err.println("line " + line.number() + ": " + e)); // FieldErrors are redacted
            }
        });
        err.flush();
        return tally;
    }

    /** The second reading: valid lines to their topic, invalid ones (with --skip-invalid) to the dead letters. */
    private Tally send(RecordFile records, RecordValidator validator, Clock checkedAt, ProgressBar progress)
            throws IOException {
        Tally tally = new Tally();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        try (SchoolClient client = new SchoolClient(clientSettings(), checkedAt)) {
            records.forEach(line -> {
                if (firstFailure.get() != null) {
                    // Kafka refuses or is gone: sending on would only wait out the same timeout per line.
                    throw new CommandFailedException("Kafka did not acknowledge a record after " + acknowledged.get()
                            + " were acknowledged (" + KafkaSendException.describeCause(firstFailure.get())
                            + "); sending the same file again is safe, a record's id makes a retry change nothing");
                }
                JsonRecords.Result<SpecificRecordBase> result = convert(line, records, validator);
                var sent = result.ok() ? client.send(result.record())
                        : client.sendDeadLetter(deadLetter(line, result.errors()));
                if (result.ok()) {
                    tally.valid++;
                } else {
                    tally.invalid++;
                }
                sent.whenComplete((metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        firstFailure.compareAndSet(null, error);
                    }
                });
                progress.update(acknowledged.get());
            });
            client.flush(); // throws if any record was not acknowledged
            progress.finish(acknowledged.get());
        }
        return tally;
    }

    /** A broker that cannot be reached should fail the command in seconds, not after Kafka's default minute. */
    private Settings clientSettings() {
        Settings settings = common.settings();
        return settings.asMap().containsKey("kafka.max.block.ms") ? settings
                : settings.with("kafka.max.block.ms", "15000");
    }

    private JsonRecords.Result<SpecificRecordBase> convert(RecordFile.Line line, RecordFile records,
            RecordValidator validator) {
        return line.readable() ? validator.fromJson(line.json(), kind, 0, records.textValues())
                : new JsonRecords.Result<>(null, line.errors());
    }

    /** The line as read, keyed by its school if it names one, with every error as the reason. */
    private DeadLetter deadLetter(RecordFile.Line line, List<FieldError> errors) {
        if (line.holdsRawIdentifier()) { // the check refused such a file: it was changed since
            throw new CommandFailedException("line " + line.number() + " of " + file + " changed since it was checked "
                    + "and now holds what looks like a raw student or ID card number; it was not dead-lettered");
        }
        String school = line.json() == null ? null : line.json().path("schoolId").asText(null);
        String reason = file.getFileName() + " line " + line.number() + ": "
                + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
        return new DeadLetter(school == null ? null : school.getBytes(StandardCharsets.UTF_8),
                line.raw().getBytes(StandardCharsets.UTF_8), "VALIDATION", errors.get(0).field(), reason,
                kind.topic().name(), "cli");
    }
}
