package org.ruraledu.streams.kpi;

import java.time.LocalDate;

/**
 * What one school contributes to the KPIs for one reporting period (a school day for meals, a month for care
 * reports): its counters, and the district and date they count towards.
 */
public record SchoolFigure(String schoolId, String district, LocalDate date, Counts counts) {}
