package org.ruraledu.streams.targets;

import org.ruraledu.streams.Domain;
import org.ruraledu.streams.Foundation;

/**
 * The plan-target watch (TARGET_SLIPPED), wired as the last domain: it reads the KPI changes of every rollup the
 * domains before it added ({@link TargetSlips}). Its names are per rollup level ({@code {rollup}-{level}-target-*},
 * {@code {rollup}-{level}-targets-alert-*}), not prefixed by {@link #name()}: they are stable since the watch came
 * in, and each belongs to the rollup level it watches.
 */
public final class PlanTargets implements Domain {
    @Override
    public String name() {
        return "targets";
    }

    @Override
    public void build(Foundation f) {
        TargetSlips.watch(f.builder(), f.settings(), f.targets(), f.alerts(), f.kpis().published());
    }
}
