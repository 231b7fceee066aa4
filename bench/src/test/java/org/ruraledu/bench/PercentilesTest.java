package org.ruraledu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRank() {
        List<Double> fifty = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            fifty.add((double) i);
        }
        assertThat(Percentiles.of(fifty, 50)).isEqualTo(25);
        assertThat(Percentiles.of(fifty, 99)).isEqualTo(50); // ceil(49.5): with 50 samples p99 is the largest
        assertThat(Percentiles.of(List.of(7.0), 99)).isEqualTo(7);
        assertThat(Percentiles.of(List.of(), 50)).isNaN();
    }
}
