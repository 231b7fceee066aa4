package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.streams.DropoutInput.status;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.AlertType;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.ingest.DomainRegistry;
import org.ruraledu.streams.ingest.RegisteredSchool;
import org.ruraledu.streams.ingest.SchoolRegistry;
import org.ruraledu.streams.ingest.UnknownSchoolGrace;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.topics.Topics;

/**
 * Through each domain's copy of the registry a school behaves as it did with one registry store for all: a report
 * sent right after its school's registration counts at once (here without any grace for unknown schools), every
 * copy holds what the master holds (an unusable entry only as its problem, a removed school not at all), and a
 * copy that lacks a school (new after an upgrade, or the copy of a domain added later) gets it from the master
 * once the registry's task has started. Moves and closures through the copies: {@link RegistryChangesTopologyTest}.
 */
class RegistryCopyTopologyTest {
    private static final List<String> REGISTRY_STORES = List.of(SchoolRegistry.STORE,
            DomainRegistry.storeName(Meals.NAME), DomainRegistry.storeName(Dropout.NAME));
    private final TopologyFixture fx = new TopologyFixture(List.of(new Meals(), new Dropout()), Map.of(UnknownSchoolGrace.GRACE, "PT0S"));

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aReportSentRightAfterItsSchoolsRegistrationCountsInEveryDomain() {
        fx.register(school("w1", "wendeng"));
        fx.report(meal("r1", "w1", "2026-03-09", 10, 9, 0));
        fx.send(status("d1", "w1", "ann", "2026-03-09", DROPPED_OUT).build());

        assertThat(fx.newDeadLetters()).isEmpty();
        assertThat(fx.latestKpis()).containsKey("wendeng|meals.coverage|day|2026-03-09");
        assertThat(fx.newAlerts()).extracting(kv -> kv.value.type())
                .containsExactlyInAnyOrder(AlertType.MEAL_GAP, AlertType.DROPOUT_DETECTED);
    }

    @Test
    void everyCopyHoldsWhatTheMasterHolds() {
        SchoolProfile w1 = school("w1", "wendeng");
        fx.register(w1, school("w2", "wendeng"));
        fx.registerRaw("g1", new byte[] {1, 2, 3});
        fx.registerRaw("w2", null); // removed from the registry
        String problem = store(SchoolRegistry.STORE).get("g1").entry().problem();

        byte[] w1Bytes = Topics.SCHOOL_REGISTRY.valueSerde().serializer().serialize(Topics.SCHOOL_REGISTRY.name(), w1);
        for (String name : REGISTRY_STORES) {
            KeyValueStore<String, RegisteredSchool> store = store(name);
            assertThat(store.get("w1").entry().raw()).as(name).isEqualTo(w1Bytes);
            assertThat(store.get("w2")).as(name).isNull();
            RegisteredSchool unusable = store.get("g1");
            assertThat(unusable.usable()).as(name).isFalse();
            assertThat(unusable.entry().raw()).as("%s keeps the problem, not the bytes", name).isEmpty();
            assertThat(unusable.entry().problem()).as(name).isEqualTo(problem).isNotBlank();
        }
    }

    @Test
    void aCopyThatLacksASchoolGetsItFromTheMasterOnceTheRegistryTaskHasStarted() {
        fx.register(school("w1", "wendeng"));
        KeyValueStore<String, RegisteredSchool> meals = store(DomainRegistry.storeName(Meals.NAME));
        meals.delete("w1"); // as a copy new in an upgrade would lack it

        fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(meals.get("w1")).isNotNull();
        fx.report(meal("r1", "w1", "2026-03-09", 10, 10, 0));

        assertThat(fx.newDeadLetters()).isEmpty();
        assertThat(fx.latestKpis()).containsKey("wendeng|meals.coverage|day|2026-03-09");
    }

    private KeyValueStore<String, RegisteredSchool> store(String name) {
        return fx.driver.getKeyValueStore(name);
    }
}
