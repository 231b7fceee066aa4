package org.ruraledu.streams.kpi;

import java.time.LocalDate;

/**
 * What one school contributes to the KPIs for one reporting period (a school day for meals, a month for care
 * reports): its counters, and the district and date they count towards. {@code date} is null for a standing
 * figure (open cases, enrolment), which only a {@link Period#CURRENT} rollup can take.
 */
public record SchoolFigure(String schoolId, String district, LocalDate date, Counts counts) {}
