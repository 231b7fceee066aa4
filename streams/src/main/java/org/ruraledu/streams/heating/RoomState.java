package org.ruraledu.streams.heating;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link RoomRuns} keeps of one room (mutable: read from the store, changed, written back):
 * <ul>
 *   <li>{@code buffer}: the counted readings of the last {@link RunRules#lateTolerance} before the room's newest,
 *       in measuredAt order (at most {@link RoomRuns#MAX_BUFFERED}): where a late reading still finds its place;
 *   <li>{@code settled}: the run the readings before the buffer left off in (null: none yet), so that a run longer
 *       than the buffer keeps its start;
 *   <li>{@code alert}: the alert as published, null while none is open;
 *   <li>{@code cursor}: the measuredAt of the reading at which the alert last opened or resolved (Long.MIN_VALUE:
 *       never): no earlier reading opens or resolves it again.
 * </ul>
 */
final class RoomState {
    Run settled;
    final List<RoomReading> buffer;
    OpenAlert alert;
    long cursor;

    RoomState(Run settled, List<RoomReading> buffer, OpenAlert alert, long cursor) {
        this.settled = settled;
        this.buffer = buffer;
        this.alert = alert;
        this.cursor = cursor;
    }

    static RoomState empty() {
        return new RoomState(null, new ArrayList<>(), null, Long.MIN_VALUE);
    }

    /** The room's newest measuredAt (Long.MIN_VALUE with no reading). */
    long newest() {
        return buffer.isEmpty() ? (settled == null ? Long.MIN_VALUE : settled.last())
                : buffer.get(buffer.size() - 1).measuredAt();
    }
}
