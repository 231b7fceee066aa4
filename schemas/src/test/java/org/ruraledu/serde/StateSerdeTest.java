package org.ruraledu.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateSerdeTest {
    record Sample(String name, long count, LocalDate day, Instant at, byte[] raw, List<String> tags) {}

    private final StateSerde<Sample> serde = new StateSerde<>(Sample.class);

    @Test
    void roundTripsInBinaryAndSmallerThanJson() {
        Sample sample = new Sample("w1", 120, LocalDate.parse("2026-03-02"), Instant.parse("2026-03-02T01:00:00Z"),
                new byte[] {1, 2, 3, (byte) 0xff}, List.of("a", "b"));
        byte[] cbor = serde.serializer().serialize("t", sample);
        byte[] json = new JsonSerde<>(Sample.class).serializer().serialize("t", sample);

        Sample back = serde.deserializer().deserialize("t", cbor);
        assertThat(back.name()).isEqualTo("w1");
        assertThat(back.count()).isEqualTo(120);
        assertThat(back.day()).isEqualTo(sample.day());
        assertThat(back.at()).isEqualTo(sample.at());
        assertThat(back.raw()).containsExactly(1, 2, 3, 0xff);
        assertThat(back.tags()).containsExactly("a", "b");
        assertThat(cbor[0]).as("not JSON").isNotEqualTo((byte) '{');
        assertThat(cbor.length).isLessThan(json.length);
    }

    @Test
    void readsStateThatAnEarlierVersionWroteAsJson() {
        byte[] json = "{\"name\":\"w1\",\"count\":7,\"day\":\"2026-03-02\",\"at\":\"2026-03-02T01:00:00Z\",\"raw\":\"AQI=\",\"tags\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        Sample back = serde.deserializer().deserialize("t", json);
        assertThat(back.count()).isEqualTo(7);
        assertThat(back.raw()).containsExactly(1, 2);
    }
}
