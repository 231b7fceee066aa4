package org.ruraledu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts to the ingest gateway as a school system does: HTTP/1.1, a bearer token, a JSON body. */
final class GatewayPoster {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    GatewayPoster(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The response; fails on a transport error (a refusal is an answer, the caller judges the status). */
    HttpResponse<String> post(String schoolId, String kind, String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/schools/" + schoolId + "/" + kind))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("gateway request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Posts and insists on 202: a probe that was refused measures nothing. */
    void postAccepted(String schoolId, String kind, String token, String body) {
        HttpResponse<String> response = post(schoolId, kind, token, body);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
        }
    }
}
