package org.ruraledu.producers.gateway;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ruraledu.producers.client.InputRecords;
import org.ruraledu.producers.client.RecordValidator;
import org.ruraledu.records.InputKind;

/**
 * {@code POST /v1/schools/{schoolId}/{kind}}. Checks run from the cheapest to the dearest, and each refusal
 * happens before anything is written: token (401, 403), rate (429), body size (413), then the request's
 * content (400, every problem at once), and only then one Kafka transaction for the whole request (202).
 */
final class IngestHandler implements Handler {
    /** The kinds a school may send; the registry is the bureau's, so it has no route. */
    static final List<InputKind> KINDS = Arrays.stream(InputKind.values())
            .filter(k -> k != InputKind.SCHOOL_REGISTRY).toList();

    private final TokenStore tokens;
    private final RateLimiter rateLimiter;
    private final SchoolDirectory directory;
    private final TransactionalProducerPool producers;
    private final RecordValidator validator;
    private final int maxBodyBytes;
    private final int maxRecords;
    private final Duration kafkaTimeout;

    IngestHandler(TokenStore tokens, RateLimiter rateLimiter, SchoolDirectory directory,
            TransactionalProducerPool producers, RecordValidator validator, int maxBodyBytes, int maxRecords,
            Duration kafkaTimeout) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.directory = directory;
        this.producers = producers;
        this.validator = validator;
        this.maxBodyBytes = maxBodyBytes;
        this.maxRecords = maxRecords;
        this.kafkaTimeout = kafkaTimeout;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        String schoolId = ctx.pathParam("schoolId");
        Optional<String> tokenSchool = bearerToken(ctx).flatMap(tokens::schoolOf);
        if (tokenSchool.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ruraledu\"");
            Responses.refused(ctx, 401, "missing or unknown bearer token");
            return;
        }
        if (!tokenSchool.get().equals(schoolId)) {
            Responses.refused(ctx, 403, "this token was issued to another school, not to '" + schoolId + "'");
            return;
        }
        RateLimiter.Decision rate = rateLimiter.tryAcquire(schoolId);
        if (!rate.allowed()) {
            ctx.header("Retry-After", String.valueOf(rate.retryAfterSeconds()));
            Responses.refused(ctx, 429, "more requests than allowed for one school; retry in "
                    + rate.retryAfterSeconds() + " s");
            return;
        }
        Optional<byte[]> body = readAtMost(ctx, maxBodyBytes);
        if (body.isEmpty()) {
            Responses.refused(ctx, 413, "the body is larger than " + maxBodyBytes + " bytes: split it");
            return;
        }
        ingest(ctx, schoolId, ctx.pathParam("kind"), body.get());
    }

    private void ingest(Context ctx, String schoolId, String kindPath, byte[] body) {
        Optional<SchoolCheck> school = schoolCheck(schoolId);
        if (school.isEmpty()) {
            Responses.refused(ctx, 503, "the school registry cannot be read from Kafka right now; nothing was "
                    + "stored: retry later");
            return;
        }
        List<ApiError> errors = new ArrayList<>();
        Optional<InputKind> kind = KINDS.stream().filter(k -> k.path().equals(kindPath)).findFirst();
        if (kind.isEmpty()) {
            errors.add(ApiError.ofRequest("kind", "unknown kind '" + kindPath + "'; one of "
                    + KINDS.stream().map(InputKind::path).collect(Collectors.joining(", "))));
        }
        school.get().requestRefusal().ifPresent(refusal -> errors.add(ApiError.ofRequest("schoolId", refusal)));
        IngestBatch batch = kind.map(k -> IngestBatch.parse(body, k, school.get(), validator, maxRecords))
                .orElse(new IngestBatch(List.of(), List.of()));
        errors.addAll(batch.errors());
        if (!errors.isEmpty()) {
            Responses.invalid(ctx, errors);
            return;
        }
        TransactionalProducerPool.Result result = producers.writeAtomically(
                batch.records().stream().map(InputRecords::toProducerRecord).toList());
        switch (result.outcome()) {
            case COMMITTED -> Responses.accepted(ctx, batch.ids(kind.get()));
            case NOT_WRITTEN -> Responses.refused(ctx, 503, "Kafka did not take the records (" + result.detail()
                    + "); nothing of this request was stored: retry later");
            case UNKNOWN -> Responses.refused(ctx, 503, "Kafka did not confirm the write in time (" + result.detail()
                    + "); the records may or may not be stored: send them again with the same ids, which is safe");
            case BUSY -> {
                ctx.header("Retry-After", "1");
                Responses.refused(ctx, 503, result.detail() + "; nothing was stored: retry shortly");
            }
        }
    }

    /**
     * The check of the school's records, by its registration: at once if it is active, else once the registry
     * is read up to date (a school registered or reopened a moment ago is found). Empty if the registry cannot
     * be read, since calling a school unknown or inactive without looking would be a lie.
     */
    private Optional<SchoolCheck> schoolCheck(String schoolId) {
        Optional<Registration> registration = directory.registration(schoolId);
        if (registration.isEmpty() || !registration.get().active()) {
            if (!directory.catchUp(kafkaTimeout)) {
                return Optional.empty();
            }
            registration = directory.registration(schoolId);
        }
        return Optional.of(new SchoolCheck(schoolId, registration.orElse(null)));
    }

    private static Optional<String> bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    /** The body, or empty if it is longer than the limit; reads at most one byte past it. */
    private static Optional<byte[]> readAtMost(Context ctx, int limit) throws IOException {
        if (ctx.req().getContentLengthLong() > limit) {
            return Optional.empty();
        }
        byte[] bytes = ctx.req().getInputStream().readNBytes(limit + 1);
        return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
    }
}
