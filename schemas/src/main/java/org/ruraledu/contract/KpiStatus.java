package org.ruraledu.contract;

/** How a KPI stands against its plan target. */
public enum KpiStatus {
    MET, ON_TRACK, AT_RISK, SLIPPED, NO_TARGET, NO_DATA
}
