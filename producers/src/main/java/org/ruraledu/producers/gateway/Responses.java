package org.ruraledu.producers.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.ruraledu.contract.Json;
import org.ruraledu.records.StudentRefs;

/**
 * The gateway's JSON bodies: the contract's 202 and 400 shapes, and {"error": ...} for every other refusal. No
 * body repeats a raw student number: 400 entries are {@link ApiError}s, refusals are redacted here (a school id
 * in the path is input too).
 */
final class Responses {
    private Responses() {}

    static void accepted(Context ctx, List<String> ids) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("accepted", ids.size());
        ids.forEach(body.putArray("ids")::add);
        json(ctx, 202, body);
    }

    static void invalid(Context ctx, List<ApiError> errors) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("errors", Json.MAPPER.valueToTree(errors));
        json(ctx, 400, body);
    }

    static void refused(Context ctx, int status, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error", StudentRefs.redact(message));
        json(ctx, status, body);
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }
}
