package org.ruraledu.streams.revision;

import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * A report that changed a school's figure for its period: the first report ({@code before} null) or a
 * correction. Retries never become revisions.
 */
public record Revision<T>(Enriched<T> latest, SchoolFigure before, SchoolFigure after) {
    public FigureChange change() {
        return new FigureChange(before, after);
    }
}
