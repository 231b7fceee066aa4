package org.ruraledu.producers.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Which classrooms have an episode on one school day, and when (minutes after 08:00, on the readings' grid):
 * each episode at a school of its own, so that every alert the pipeline raises has exactly one cause.
 */
final class EpisodePlan {
    /** A boiler fails from {@code start} for an hour; {@code depth} is how far each room falls below 17.6 °C. */
    record Boiler(int start, double[] depth) {}

    /** Room {@code room} alternates 17.5 / 18.5 °C from {@code start} (13:00) to the end of the day. */
    record Flapping(int room, int start) {}

    /** Room {@code room}'s readings of the hour from {@code start} are held back. */
    record Late(int room, int start) {}

    static final int BOILER_EARLIEST = 120; // 10:00, well after a cold morning has warmed up
    static final int BOILER_LATEST = 390; // 14:30
    static final int BOILER_MINUTES = 60;
    /** After a failure the rooms stay in range at least this long, so that its alert can resolve the same day. */
    static final int RECOVERY_MINUTES = 25;
    static final int FLAPPING_FROM = 300; // 13:00

    final Map<String, Boiler> boilers = new HashMap<>();
    final Map<String, Flapping> flapping = new HashMap<>();
    final Map<String, Late> late = new HashMap<>();

    /**
     * @param lastMinute minutes after 08:00 of the day's last reading (today: the latest before now)
     * @param step minutes between readings
     */
    static EpisodePlan plan(List<SimulatedSchool> schools, ClimateSeason season, int lastMinute, int step,
            Faults faults, Random random) {
        EpisodePlan plan = new EpisodePlan();
        List<SimulatedSchool> order = new ArrayList<>(schools);
        Collections.shuffle(order, random);
        int next = 0;
        int n = order.size();
        if (season == ClimateSeason.HEATING) {
            int latestStart = Math.min(BOILER_LATEST, lastMinute - BOILER_MINUTES - RECOVERY_MINUTES) / step * step;
            for (int i = faults.episodes(n, Faults.BOILER_FAILURE); i > 0 && latestStart >= BOILER_EARLIEST
                    && next < n; i--) {
                SimulatedSchool school = order.get(next++);
                double[] depth = new double[school.classrooms()];
                for (int room = 0; room < depth.length; room++) {
                    // The first room is the one by the door: it falls below the critical 14 °C.
                    depth[room] = room == 0 ? 4.8 : 1.2 + random.nextDouble() * 3.8;
                }
                int start = BOILER_EARLIEST + step * random.nextInt((latestStart - BOILER_EARLIEST) / step + 1);
                plan.boilers.put(school.id(), new Boiler(start, depth));
            }
            for (int i = faults.episodes(n, Faults.FLAPPING_SENSOR); i > 0 && lastMinute > FLAPPING_FROM
                    && next < n; i--) {
                SimulatedSchool school = order.get(next++);
                plan.flapping.put(school.id(), new Flapping(random.nextInt(school.classrooms()), FLAPPING_FROM));
            }
        }
        // An hour from 09:00 whose next hour has begun: the held-back readings go out after that hour's first.
        int lateHours = Math.min(7, (lastMinute - 60) / 60);
        for (int i = faults.episodes(n, Faults.LATE_READINGS); i > 0 && lateHours >= 1 && next < n; i--) {
            SimulatedSchool school = order.get(next++);
            plan.late.put(school.id(), new Late(random.nextInt(school.classrooms()), 60 * (1 + random.nextInt(lateHours))));
        }
        return plan;
    }
}
