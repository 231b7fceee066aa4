package org.ruraledu.streams.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ruraledu.serde.JsonSerde;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.SchoolFigure;

/** The report history is written for every report: compact, exact, and still read from an earlier version's JSON. */
class ReportHistorySerdeTest {
    private static final ReportHistory HISTORY = new ReportHistory(List.of("r-1", "r-2"),
            new SchoolFigure("w1", "wendeng", LocalDate.parse("2026-03-02"),
                    Counts.of(Map.of("served", 118, "needing", 120, "foodSafetyIncidents", 0, "delta", -3))),
            LocalDate.parse("2026-03-01"));

    @Test
    void roundTripsEveryFieldInAFractionOfItsJson() {
        byte[] compact = ReportHistory.SERDE.serializer().serialize("t", HISTORY);
        assertThat(ReportHistory.SERDE.deserializer().deserialize("t", compact)).isEqualTo(HISTORY);
        byte[] json = new JsonSerde<>(ReportHistory.class).serializer().serialize("t", HISTORY);
        assertThat(compact.length).isLessThan(json.length / 2);

        ReportHistory none = ReportHistory.none();
        assertThat(ReportHistory.SERDE.deserializer().deserialize("t",
                ReportHistory.SERDE.serializer().serialize("t", none))).isEqualTo(none);
    }

    @Test
    void readsTheJsonAnEarlierVersionKeptAndRefusesAnUnknownFormat() {
        byte[] json = new JsonSerde<>(ReportHistory.class).serializer().serialize("t", HISTORY);
        assertThat(ReportHistory.SERDE.deserializer().deserialize("t", json)).isEqualTo(HISTORY);
        assertThatThrownBy(() -> ReportHistory.SERDE.deserializer().deserialize("t", new byte[] {9, 0}))
                .hasMessageContaining("unknown record format 9");
    }
}
