package org.ruraledu.producers.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ruraledu.contract.District;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;

/**
 * Makes a realistic set of schools across the 8 districts: the county-level cities (Wendeng, Rongcheng, Rushan)
 * are large and mostly rural, the development zones small and mostly urban; sizes vary from a village teaching
 * point of a few dozen pupils to a township-seat school of two thousand.
 */
final class SchoolFactory {
    /** Share of schools per district and share of them that are rural, in District order. */
    private static final double[][] DISTRICT_MIX = {
        {0.17, 0.35}, // huancui
        {0.22, 0.80}, // wendeng
        {0.20, 0.75}, // rongcheng
        {0.18, 0.85}, // rushan
        {0.06, 0.30}, // gaoqu
        {0.06, 0.40}, // jingqu
        {0.06, 0.70}, // lingang
        {0.05, 0.60}, // nanhai
    };
    private static final String[] TOWNSHIP_SUFFIX = {"镇", "街道", "乡"};

    private static final double RURAL_HEATED = 0.85;
    private static final double URBAN_HEATED = 0.97;
    private static final double RURAL_WITHOUT_CARE_ROOM = 0.06;

    private final Random random;
    /** Heating, classrooms and care rooms draw from their own numbers, so a seed keeps its schools of before. */
    private final Random facilities;

    SchoolFactory(Random random) {
        this(random, new Random(0));
    }

    SchoolFactory(Random random, Random facilities) {
        this.random = random;
        this.facilities = facilities;
    }

    List<SimulatedSchool> create(int count) {
        List<SimulatedSchool> schools = new ArrayList<>(count);
        District[] districts = District.values();
        int made = 0;
        for (int d = 0; d < districts.length; d++) {
            // Every district gets at least one school so that all 8 show figures.
            int share = d == districts.length - 1 ? count - made
                    : Math.max(1, (int) Math.round(count * DISTRICT_MIX[d][0]));
            share = Math.min(share, count - made - (districts.length - 1 - d));
            for (int i = 1; i <= share; i++) {
                schools.add(school(districts[d], i, random.nextDouble() < DISTRICT_MIX[d][1]));
            }
            made += share;
        }
        ensureACoalSchool(schools);
        return schools;
    }

    /** The plan's clean-heating target is not met everywhere yet: at least one rural school still burns coal. */
    private static void ensureACoalSchool(List<SimulatedSchool> schools) {
        if (schools.stream().anyMatch(s -> s.profile().getHeatingSource() == EnergySource.COAL)) {
            return;
        }
        schools.stream().filter(s -> s.profile().getRural() && s.heated()).findFirst()
                .ifPresent(s -> s.profile().setHeatingSource(EnergySource.COAL));
    }

    private SimulatedSchool school(District district, int number, boolean rural) {
        SchoolLevel level = pickLevel();
        int enrolled = (int) Math.round(Math.exp(rural ? 5.3 + random.nextGaussian() * 0.7 : 6.6 + random.nextGaussian() * 0.5));
        enrolled = Math.max(25, Math.min(2600, enrolled));
        boolean boarding = rural && level != SchoolLevel.KINDERGARTEN && random.nextDouble() < 0.35;
        int boarders = boarding ? (int) (enrolled * (0.3 + random.nextDouble() * 0.5)) : 0;
        int leftBehind = (int) (enrolled * (rural ? 0.05 + random.nextDouble() * 0.15 : random.nextDouble() * 0.04));
        String township = "乡镇" + (1 + random.nextInt(12)) + TOWNSHIP_SUFFIX[random.nextInt(TOWNSHIP_SUFFIX.length)];
        SchoolProfile profile = SchoolProfile.newBuilder()
                .setSchoolId(String.format("%s-%03d", district.key(), number))
                .setName(district.nameZh() + township + levelName(level) + number + "号")
                .setDistrict(district.key())
                .setTownship(township)
                .setLevel(level)
                .setRural(rural)
                .setBoarding(boarding)
                .setServesLunch(level != SchoolLevel.SENIOR_SECONDARY || boarding || random.nextDouble() < 0.9)
                .setHeatingSource(pickHeating(rural))
                .setActive(true)
                .build();
        if (facilities.nextDouble() >= (rural ? RURAL_HEATED : URBAN_HEATED)) {
            profile.setHeatingSource(EnergySource.NONE); // a village teaching point without heating
        }
        int classrooms = Math.max(3, Math.min(12, enrolled / 45 + facilities.nextInt(3)));
        // Every school with left-behind children runs a care room, but a few rural ones do not (yet).
        boolean careRoom = leftBehind > 0 && !(rural && facilities.nextDouble() < RURAL_WITHOUT_CARE_ROOM);
        double lunchShare = boarding ? 0.97 : rural ? 0.75 + random.nextDouble() * 0.2 : 0.5 + random.nextDouble() * 0.3;
        double reliability = 0.9 + random.nextDouble() * 0.1;
        return new SimulatedSchool(profile, enrolled, boarders, leftBehind, lunchShare, reliability, classrooms,
                careRoom);
    }

    private SchoolLevel pickLevel() {
        double r = random.nextDouble();
        if (r < 0.50) {
            return SchoolLevel.PRIMARY;
        } else if (r < 0.72) {
            return SchoolLevel.JUNIOR_SECONDARY;
        } else if (r < 0.87) {
            return SchoolLevel.NINE_YEAR;
        } else if (r < 0.95) {
            return SchoolLevel.KINDERGARTEN;
        }
        return SchoolLevel.SENIOR_SECONDARY;
    }

    private EnergySource pickHeating(boolean rural) {
        double r = random.nextDouble();
        if (rural && r < 0.04) {
            return EnergySource.COAL; // the plan's clean-heating target is not met everywhere yet
        }
        EnergySource[] clean = {EnergySource.DISTRICT_HEATING, EnergySource.HEAT_PUMP, EnergySource.ELECTRIC,
            EnergySource.NATURAL_GAS, EnergySource.GEOTHERMAL};
        return clean[random.nextInt(clean.length)];
    }

    private static String levelName(SchoolLevel level) {
        return switch (level) {
            case KINDERGARTEN -> "幼儿园";
            case PRIMARY -> "小学";
            case JUNIOR_SECONDARY -> "初级中学";
            case NINE_YEAR -> "九年一贯制学校";
            case SENIOR_SECONDARY -> "高级中学";
            case VOCATIONAL -> "职业学校";
            case SPECIAL_EDUCATION -> "特殊教育学校";
        };
    }
}
