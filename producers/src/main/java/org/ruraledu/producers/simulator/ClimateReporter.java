package org.ruraledu.producers.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;

/**
 * Classroom temperatures (取暖消暑) of one school day: a reading every interval from 08:00 to the end of school
 * hours (17:00) for every classroom of a school that heats. In the heating season the rooms are warm (19-22 °C),
 * except on cold mornings (15-17 °C at 08:00, at or above 18 °C by 08:15, so a cold morning never lasts the 20
 * minutes that make an alert) and in the {@link EpisodePlan}'s episodes; in the cooling season they stay at or
 * below 28 °C; out of season the readings count nowhere. heatingOn, coolingOn and energySource agree: the school's
 * heating source while heating, its heat pump or air conditioning while cooling, NONE when neither runs.
 */
final class ClimateReporter {
    private static final LocalTime SCHOOL_START = LocalTime.of(8, 0);
    private static final int SCHOOL_MINUTES = 9 * 60; // to 17:00, exclusive
    private static final double COLD_MORNING = 0.3;
    /** A cold morning's readings before this minute are below 18 °C; from it on in range. */
    private static final int COLD_MORNING_MINUTES = 15;

    private final Random random;
    private final Faults faults;
    private final int step;

    ClimateReporter(Random random, Faults faults, Duration interval) {
        this.random = random;
        this.faults = faults;
        this.step = (int) interval.toMinutes();
    }

    /** Minutes after 08:00 of the last reading of {@code day} measured no later than {@code cutoff}; -1 if none. */
    int lastMinute(LocalDate day, Instant cutoff) {
        long minutes = Duration.between(start(day), cutoff).toMinutes();
        if (minutes < 0) {
            return -1;
        }
        return (int) Math.min(minutes, SCHOOL_MINUTES - 1) / step * step;
    }

    EpisodePlan plan(List<SimulatedSchool> schools, LocalDate day, Instant cutoff) {
        return EpisodePlan.plan(schools, ClimateSeason.of(day), lastMinute(day, cutoff), step, faults, random);
    }

    /**
     * The readings of one school on {@code day} up to {@code cutoff}, in the order the school sends them: by
     * time, except for late and retried ones. Its episodes go into {@code stats}.
     */
    List<ClimateReading> day(SimulatedSchool school, LocalDate day, Instant cutoff, EpisodePlan plan,
            SimulationStats stats) {
        int last = lastMinute(day, cutoff);
        if (last < 0) {
            return List.of();
        }
        ClimateSeason season = ClimateSeason.of(day);
        Rooms rooms = new Rooms(school, season);
        EpisodePlan.Boiler boiler = plan.boilers.get(school.id());
        EpisodePlan.Flapping flapping = plan.flapping.get(school.id());
        EpisodePlan.Late late = plan.late.get(school.id());
        List<ClimateReading> readings = new ArrayList<>(school.classrooms() * (last / step + 1));
        for (int minute = 0; minute <= last; minute += step) {
            Instant at = start(day).plusSeconds(minute * 60L);
            for (int room = 0; room < school.classrooms(); room++) {
                double t;
                if (boiler != null && minute >= boiler.start()) {
                    t = rooms.afterBoilerFailure(room, minute - boiler.start(), boiler.depth()[room]);
                } else if (flapping != null && flapping.room() == room && minute >= flapping.start()) {
                    t = (minute - flapping.start()) / step % 2 == 0 ? 17.5 : 18.5;
                } else {
                    t = rooms.normal(room, minute);
                }
                readings.add(reading(school, room, at, t, rooms));
            }
        }
        List<String> allRooms = new ArrayList<>();
        for (int room = 0; room < school.classrooms(); room++) {
            allRooms.add(SimulatedSchool.roomId(room));
        }
        if (boiler != null) {
            stats.episode(new ClimateEpisode(ClimateEpisode.Kind.BOILER_FAILURE, school.id(), day, allRooms,
                    start(day).plusSeconds(boiler.start() * 60L),
                    start(day).plusSeconds((boiler.start() + EpisodePlan.BOILER_MINUTES) * 60L)));
        }
        if (flapping != null) {
            stats.episode(new ClimateEpisode(ClimateEpisode.Kind.FLAPPING_SENSOR, school.id(), day,
                    List.of(SimulatedSchool.roomId(flapping.room())), start(day).plusSeconds(flapping.start() * 60L),
                    start(day).plusSeconds(last * 60L)));
        }
        if (late != null) {
            holdBack(readings, school, day, late, stats);
        }
        if (faults.retried()) {
            retry(readings, school, stats);
        }
        return readings;
    }

    /** The late room's readings of its hour go out, shuffled, after the school's readings of the next hour's start. */
    private void holdBack(List<ClimateReading> readings, SimulatedSchool school, LocalDate day, EpisodePlan.Late late,
            SimulationStats stats) {
        Instant from = start(day).plusSeconds(late.start() * 60L);
        Instant to = from.plusSeconds(3600);
        String room = SimulatedSchool.roomId(late.room());
        List<ClimateReading> held = new ArrayList<>();
        List<ClimateReading> rest = new ArrayList<>(readings.size());
        for (ClimateReading r : readings) {
            boolean inHour = !r.getMeasuredAt().isBefore(from) && r.getMeasuredAt().isBefore(to);
            (inHour && r.getRoomId().equals(room) ? held : rest).add(r);
        }
        Collections.shuffle(held, random);
        int at = 0;
        while (at < rest.size() && !rest.get(at).getMeasuredAt().isAfter(to)) {
            at++;
        }
        rest.addAll(at, held);
        readings.clear();
        readings.addAll(rest);
        stats.episode(new ClimateEpisode(ClimateEpisode.Kind.LATE_READINGS, school.id(), day, List.of(room), from,
                to.minusSeconds(step * 60L)));
    }

    /** A school system that timed out resends a batch: one room's readings of up to an hour, same ids. */
    private void retry(List<ClimateReading> readings, SimulatedSchool school, SimulationStats stats) {
        String room = SimulatedSchool.roomId(random.nextInt(school.classrooms()));
        List<ClimateReading> roomReadings = readings.stream().filter(r -> r.getRoomId().equals(room)).toList();
        int from = random.nextInt(roomReadings.size());
        List<ClimateReading> again = roomReadings.subList(from, Math.min(roomReadings.size(), from + 60 / step));
        readings.addAll(again);
        stats.add("faults.retried_readings", again.size());
    }

    private ClimateReading reading(SimulatedSchool school, int room, Instant at, double t, Rooms rooms) {
        String roomId = SimulatedSchool.roomId(room);
        return ClimateReading.newBuilder()
                .setReadingId(school.id() + "-" + roomId + "-" + at.getEpochSecond() / 60)
                .setSchoolId(school.id())
                .setRoomId(roomId)
                .setMeasuredAt(at)
                .setTemperatureC(Math.round(t * 10) / 10.0) // sensors report tenths of a degree
                .setHeatingOn(rooms.heating)
                .setCoolingOn(rooms.cooling)
                .setEnergySource(rooms.energy)
                .build();
    }

    private static Instant start(LocalDate day) {
        return day.atTime(SCHOOL_START).atZone(RecordRules.ZONE).toInstant();
    }

    /** The rooms of one school on one day: each its own comfortable temperature, a cold morning or not. */
    private final class Rooms {
        final ClimateSeason season;
        final boolean heating;
        final boolean cooling;
        final EnergySource energy;
        final double[] base;
        final double coldStart;

        Rooms(SimulatedSchool school, ClimateSeason season) {
            this.season = season;
            EnergySource source = school.profile().getHeatingSource();
            boolean airConditioned = source == EnergySource.HEAT_PUMP || source == EnergySource.ELECTRIC;
            this.heating = season == ClimateSeason.HEATING;
            this.cooling = season == ClimateSeason.COOLING && airConditioned;
            this.energy = heating || cooling ? source : EnergySource.NONE;
            this.base = new double[school.classrooms()];
            for (int room = 0; room < base.length; room++) {
                base[room] = switch (season) {
                    // A coal stove heats less evenly and less: the rooms run cooler, still in range.
                    case HEATING -> source == EnergySource.COAL ? 18.8 + random.nextDouble() * 2 : 19 + random.nextDouble() * 3;
                    case COOLING -> cooling ? 24 + random.nextDouble() * 2 : 24.5 + random.nextDouble() * 2;
                    case NEITHER -> 15 + random.nextDouble() * 8;
                };
            }
            this.coldStart = heating && random.nextDouble() < COLD_MORNING ? 15 + random.nextDouble() * 2 : Double.NaN;
        }

        double normal(int room, int minute) {
            double b = base[room];
            return switch (season) {
                case HEATING -> heated(b, minute);
                case COOLING -> Math.min(ClimateSeason.COOLING_MAX_C - 0.2, b + 1.5 * minute / SCHOOL_MINUTES + noise());
                case NEITHER -> b + noise();
            };
        }

        /** A cold morning warms from 15-17 °C to 18.3 °C in 15 minutes, then to the room's own by 09:00. */
        private double heated(double b, int minute) {
            if (!Double.isNaN(coldStart) && minute < COLD_MORNING_MINUTES) {
                return coldStart + (18.3 - coldStart) * minute / COLD_MORNING_MINUTES;
            }
            double t;
            if (minute < 60) {
                int from = Double.isNaN(coldStart) ? 0 : COLD_MORNING_MINUTES;
                double warmFrom = Double.isNaN(coldStart) ? Math.max(18.4, b - 1.2) : 18.3;
                t = warmFrom + (b - warmFrom) * (minute - from) / (60.0 - from);
            } else {
                t = b;
            }
            return Math.max(ClimateSeason.HEATING_MIN_C + 0.2, t + noise());
        }

        /** From the failure on: below 18 °C for an hour (the deepest rooms below 14), then back in range. */
        double afterBoilerFailure(int room, int sinceFailure, double depth) {
            if (sinceFailure <= EpisodePlan.BOILER_MINUTES) {
                double t = 17.6 - depth * Math.sin(Math.PI * sinceFailure / EpisodePlan.BOILER_MINUTES);
                return Math.min(17.8, t + noise() / 2);
            }
            int recovering = sinceFailure - EpisodePlan.BOILER_MINUTES;
            double t = recovering >= 30 ? base[room] : 18.4 + (base[room] - 18.4) * recovering / 30.0;
            return Math.max(ClimateSeason.HEATING_MIN_C + 0.2, t + noise());
        }

        private double noise() {
            return Math.max(-0.4, Math.min(0.4, random.nextGaussian() * 0.15));
        }
    }
}
