package org.ruraledu.streams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.topics.Topics;

/**
 * A registry store is read once per input record, and its entries change a few times a year: the serde decodes
 * and checks the bytes of an entry once, and serves later reads of the same bytes as decoded then.
 */
class RegisteredSchoolSerdeTest {
    private final Serde<RegisteredSchool> serde = RegisteredSchool.serde(RecordRules.systemClock());

    @Test
    void theSameBytesAreDecodedOnce() {
        SchoolProfile profile = SchoolProfile.newBuilder().setSchoolId("w1").setName("School w1").setDistrict("wendeng")
                .setLevel(SchoolLevel.PRIMARY).setRural(true).setBoarding(false).setServesLunch(true)
                .setActive(true).build();
        String topic = Topics.SCHOOL_REGISTRY.name();
        byte[] raw = Topics.SCHOOL_REGISTRY.valueSerde().serializer().serialize(topic, profile);
        byte[] stored = serde.serializer().serialize(topic, new RegisteredSchool(new RegistryEntry(raw, profile, null),
                null));

        RegisteredSchool first = serde.deserializer().deserialize(topic, stored);

        assertThat(first.profile()).isEqualTo(profile);
        assertThat(serde.deserializer().deserialize(topic, stored.clone())).isSameAs(first);
    }

    @Test
    void anUnusableEntryIsReadBackAsItsProblem() {
        RegisteredSchool unusable = new RegisteredSchool(new RegistryEntry(new byte[0], null, "not a profile"), null);
        RegisteredSchool read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", unusable));

        assertThat(read.usable()).isFalse();
        assertThat(read.entry().problem()).isEqualTo("not a profile");
    }

    @Test
    void theCacheKeepsTheMostRecentlyReadEntriesUpToItsCapacity() {
        DecodedSchools cache = new DecodedSchools(2);
        AtomicInteger decodes = new AtomicInteger();
        Function<byte[], RegisteredSchool> decode = bytes -> {
            decodes.incrementAndGet();
            return new RegisteredSchool(new RegistryEntry(new byte[0], null, new String(bytes, StandardCharsets.UTF_8)),
                    null);
        };

        cache.get(bytes("a"), decode);
        cache.get(bytes("b"), decode);
        cache.get(bytes("a"), decode); // a is now the most recently read
        cache.get(bytes("c"), decode); // b leaves
        assertThat(decodes).hasValue(3);
        assertThat(cache.size()).isEqualTo(2);

        cache.get(bytes("a"), decode);
        assertThat(decodes).as("a is still known").hasValue(3);
        cache.get(bytes("b"), decode);
        assertThat(decodes).as("b is decoded again").hasValue(4);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
