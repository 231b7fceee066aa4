package org.ruraledu.streams.heating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;

/** The classroom standard from the settings: defaults, the day formats, and settings refused at start by name. */
class ClimateStandardTest {

    private static ClimateStandard standard(Map<String, String> overrides) {
        return ClimateStandard.from(Settings.defaults().with(overrides));
    }

    private static ClimateReading at(String localTime, double c) {
        Instant measured = LocalDateTime.parse(localTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        return ClimateReading.newBuilder().setReadingId("r").setSchoolId("s").setRoomId("1").setMeasuredAt(measured)
                .setTemperatureC(c).setHeatingOn(true).setCoolingOn(false).setEnergySource(EnergySource.COAL).build();
    }

    @Test
    void theDefaultsAreTheIssuesStandard() {
        ClimateStandard standard = standard(Map.of());
        assertThat(standard.judge(at("2026-03-10T10:00", 18))).isEqualTo(
                new Judgment(Judgment.Season.HEATING, true, false, 18));
        assertThat(standard.judge(at("2026-03-10T10:00", 13.9)).critical()).isTrue();
        assertThat(standard.judge(at("2026-03-10T10:00", 14)).critical()).isFalse();
        assertThat(standard.judge(at("2026-06-02T10:00", 32.1))).isEqualTo(
                new Judgment(Judgment.Season.COOLING, false, true, 28));
        assertThat(standard.judge(at("2026-06-02T10:00", 32)).critical()).isFalse();
        assertThat(standard.isClean(EnergySource.COAL)).isFalse();
        assertThat(standard.isClean(EnergySource.NONE)).isFalse();
        assertThat(EnergySource.values()).filteredOn(standard::isClean).hasSize(EnergySource.values().length - 2);
    }

    @Test
    void daysAreReadWithOrWithoutTheLeadingDashes() {
        ClimateStandard standard = standard(Map.of("cooling.season.from", "05-20", "cooling.season.to", "--09-01"));
        assertThat(standard.judge(at("2026-05-20T10:00", 30)).season()).isEqualTo(Judgment.Season.COOLING);
        assertThat(standard.judge(at("2026-09-02T10:00", 30))).isNull();
    }

    @Test
    void cleanSourcesAreASetting() {
        ClimateStandard standard = standard(Map.of("heating.clean.sources", "ELECTRIC, COAL"));
        assertThat(standard.isClean(EnergySource.COAL)).isTrue();
        assertThat(standard.isClean(EnergySource.NATURAL_GAS)).isFalse();
    }

    @Test
    void settingsThatCannotBeMeantAreRefusedByName() {
        assertThatThrownBy(() -> standard(Map.of("heating.season.from", "11/15")))
                .hasMessageContaining("heating.season.from").hasMessageContaining("11/15");
        assertThatThrownBy(() -> standard(Map.of("heating.min.c", "warm"))).hasMessageContaining("heating.min.c");
        assertThatThrownBy(() -> standard(Map.of("cooling.max.c", "70"))).hasMessageContaining("cooling.max.c");
        assertThatThrownBy(() -> standard(Map.of("heating.critical.cold.c", "19")))
                .hasMessageContaining("heating.critical.cold.c").hasMessageContaining("heating.min.c");
        assertThatThrownBy(() -> standard(Map.of("cooling.critical.hot.c", "27")))
                .hasMessageContaining("cooling.critical.hot.c");
        assertThatThrownBy(() -> standard(Map.of("cooling.season.from", "03-20")))
                .hasMessageContaining("must not overlap");
        assertThatThrownBy(() -> standard(Map.of("heating.season.from", "06-10", "heating.season.to", "06-20")))
                .hasMessageContaining("must not overlap");
        assertThatThrownBy(() -> standard(Map.of("heating.clean.sources", "ELECTRIC,WOOD")))
                .hasMessageContaining("heating.clean.sources").hasMessageContaining("WOOD");
    }
}
