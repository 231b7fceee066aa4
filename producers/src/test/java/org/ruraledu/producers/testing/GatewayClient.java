package org.ruraledu.producers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ruraledu.contract.Json;

/** Talks to a gateway the way a school system would. */
public final class GatewayClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> post(String schoolId, String kind, String body, String token) {
        return post(schoolId, kind, HttpRequest.BodyPublishers.ofString(body), token);
    }

    /** Sends the body chunked (no Content-Length), as a streaming school system would. */
    public HttpResponse<String> postChunked(String schoolId, String kind, String body, String token) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return post(schoolId, kind, HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(bytes)), token);
    }

    private HttpResponse<String> post(String schoolId, String kind, HttpRequest.BodyPublisher body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/schools/" + schoolId + "/" + kind))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(body);
        if (token != null) {
            request.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
