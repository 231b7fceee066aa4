package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.Json;
import org.ruraledu.embedded.Directories;
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.embedded.SharedBroker;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;

/**
 * A streams instance killed with SIGKILL and started again on its state directory processes again within seconds
 * (it takes its own place in the group back instead of waiting for the dead member's session to expire), keeps
 * its figures exact and its local state (no wipe and rebuild); stopped cleanly, it leaves the group at once. A
 * first start and a start after a crash print no warning.
 */
class StreamsCrashRecoveryIT {
    /** Below the 45 s session timeout after which a dynamic member's partitions would move: what we must beat. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(40);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern WARNING = Pattern.compile("^\\S+ (WARN|ERROR) ");

    @Test
    void aKilledInstanceRestartedOnItsStateProcessesAgainWithinSecondsAndExactly() throws Exception {
        EmbeddedBroker broker = SharedBroker.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String schoolId = "crash-" + run;
        String applicationId = "ruraledu-crash-" + run;
        // A day of its own: the district's figure for it is exactly this school's.
        LocalDate day = LocalDate.now(RecordRules.ZONE).minusDays(100 + ThreadLocalRandom.current().nextInt(250));
        // Not below /tmp, which Kafka Streams rightly warns about: a start must print no warning at all.
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "crash-");
        Map<String, String> settings = Map.of("bootstrap.servers", broker.bootstrapServers(),
                "streams.application.id", applicationId, "streams.state.dir", dir.resolve("state").toString(),
                "query.port", "0");

        try (SchoolClient school = new SchoolClient(Settings.defaults().with("bootstrap.servers",
                broker.bootstrapServers()))) {
            school.send(profile(schoolId)).get();
            try (StreamsProcess first = StreamsProcess.start(settings, dir.resolve("first.log"))) {
                int port = first.awaitQueryPort(PATIENCE);
                school.send(meal("r-" + run + "-1", schoolId, day, 90)).get();
                awaitCoverage(port, day, 90, PATIENCE);
                assertThat(warnings(first)).as("warnings of a first start").isEmpty();
                first.kill();
            }

            Instant restarted = Instant.now();
            try (StreamsProcess second = StreamsProcess.start(settings, dir.resolve("second.log"))) {
                // A correction: it must replace the 90 counted before the crash, never add to it.
                school.send(meal("r-" + run + "-2", schoolId, day, 95)).get();
                int port = second.awaitQueryPort(PATIENCE);
                awaitCoverage(port, day, 95, RECOVERY_LIMIT.minus(Duration.between(restarted, Instant.now())));
                System.out.printf("processing again %.1f s after the restart of a killed instance%n",
                        Duration.between(restarted, Instant.now()).toMillis() / 1000.0);

                assertThat(warnings(second)).as("warnings of a start after a crash").isEmpty();
                assertThat(second.output().lines().filter(line -> line.contains("did not stop cleanly")))
                        .as("one line says the local state is rebuilt").hasSize(1);

                second.stop(PATIENCE);
                try (Admin admin = broker.admin()) {
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(members(admin, applicationId))
                            .as("a clean stop leaves the group").isEmpty());
                }
            }
        } finally {
            for (String log : List.of("first.log", "second.log")) {
                if (Files.exists(dir.resolve(log))) {
                    System.out.println("---- " + log + "\n" + Files.readString(dir.resolve(log)));
                }
            }
            Directories.deleteRecursively(dir);
        }
    }

    private static List<String> warnings(StreamsProcess process) {
        return process.output().lines().filter(line -> WARNING.matcher(line).find()).toList();
    }

    private static void awaitCoverage(int queryPort, LocalDate day, int served, Duration patience) {
        URI uri = URI.create("http://127.0.0.1:" + queryPort + "/v1/kpis?scope=nanhai&metric=meals.coverage"
                + "&period=day&from=" + day + "&to=" + day);
        await().atMost(patience).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> response = PipelineTesting.HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            var kpis = Json.MAPPER.readTree(response.body());
            assertThat(kpis).hasSize(1);
            assertThat(kpis.get(0).path("numerator").asDouble()).isEqualTo(served);
            assertThat(kpis.get(0).path("denominator").asDouble()).isEqualTo(100.0);
        });
    }

    private static List<?> members(Admin admin, String groupId) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId);
        return List.copyOf(group.members());
    }

    private static SchoolProfile profile(String schoolId) {
        return SchoolProfile.newBuilder().setSchoolId(schoolId).setName("School " + schoolId).setDistrict("nanhai")
                .setLevel(SchoolLevel.PRIMARY).setRural(true).setBoarding(false).setServesLunch(true)
                .setActive(true).build();
    }

    private static MealReport meal(String reportId, String schoolId, LocalDate day, int served) {
        return MealReport.newBuilder().setReportId(reportId).setSchoolId(schoolId).setDate(day).setNeeding(100)
                .setServed(served).setProvision(MealProvision.CANTEEN).setFoodSafetyIncidents(0).build();
    }
}
