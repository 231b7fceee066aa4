package org.ruraledu.streams.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;

class CareRoomRuleTest {
    private static SchoolProfile school(boolean rural, boolean active) {
        return SchoolProfile.newBuilder().setSchoolId("s").setName("S").setDistrict("wendeng")
                .setLevel(SchoolLevel.PRIMARY).setRural(rural).setBoarding(false).setServesLunch(true)
                .setActive(active).build();
    }

    @Test
    void ruralByDefaultAllWhenSetAndNeverAClosedSchoolOrOneWithoutLeftBehindChildren() {
        CareRoomRule rural = CareRoomRule.from(Settings.defaults());
        CareRoomRule all = CareRoomRule.from(Settings.defaults().with(CareRoomRule.REQUIRED_FOR, "all"));

        assertThat(rural.requires(school(true, true), 1)).isTrue();
        assertThat(rural.requires(school(false, true), 1)).isFalse();
        assertThat(all.requires(school(false, true), 1)).isTrue();
        assertThat(all.requires(school(true, false), 1)).isFalse();
        assertThat(all.requires(school(true, true), 0)).isFalse();
    }

    @Test
    void anUnknownValueFailsTheBuildNamingTheSetting() {
        assertThatThrownBy(() -> CareRoomRule.from(Settings.defaults().with(CareRoomRule.REQUIRED_FOR, "urban")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("care.room.required.for must be 'rural' or 'all', got 'urban'");
    }
}
