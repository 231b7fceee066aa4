package org.ruraledu.streams.heating;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.ruraledu.streams.serde.Compact;

/**
 * {@link RoomState} in the compact format (written on every counted reading): the settled run, the cursor, the
 * open alert, then the buffer, each reading as the measuredAt step from the one before, its two flags and its
 * temperature in hundredths of a degree (what {@link RoomWatch} keeps of it).
 */
final class RoomStateSerde {
    private static final byte FORMAT = 1;
    private static final Judgment.Season[] SEASONS = Judgment.Season.values();

    private RoomStateSerde() {}

    static Serde<RoomState> serde() {
        return Compact.serde(FORMAT, RoomStateSerde::write, RoomStateSerde::read);
    }

    /** Temperatures are kept to a hundredth of a degree, so a reading sorts the same before and after a store. */
    static double hundredths(double temperatureC) {
        return Math.round(temperatureC * 100) / 100.0;
    }

    private static void write(RoomState room, Compact.Writer out) {
        Run run = room.settled;
        out.bool(run != null);
        if (run != null) {
            out.bool(run.inRange());
            out.varlong(run.start());
            out.varlong(run.last() - run.start());
            out.bool(run.critical());
        }
        out.bool(room.cursor != Long.MIN_VALUE);
        if (room.cursor != Long.MIN_VALUE) {
            out.varlong(room.cursor);
        }
        OpenAlert alert = room.alert;
        out.bool(alert != null);
        if (alert != null) {
            out.varlong(alert.anchor());
            out.bool(alert.critical());
            out.varlong(Math.round(alert.observedC() * 100));
            out.varlong(Math.round(alert.limitC() * 100));
            out.varlong(alert.season().ordinal());
            out.text(alert.district());
            out.text(alert.schoolName());
        }
        out.varlong(room.buffer.size());
        long previous = 0;
        for (RoomReading r : room.buffer) {
            out.varlong(r.measuredAt() - previous);
            previous = r.measuredAt();
            out.varlong((r.inRange() ? 1 : 0) | (r.critical() ? 2 : 0));
            out.varlong(Math.round(r.temperatureC() * 100));
        }
    }

    private static RoomState read(Compact.Reader in) {
        Run settled = null;
        if (in.bool()) {
            boolean inRange = in.bool();
            long start = in.varlong();
            settled = new Run(inRange, start, start + in.varlong(), in.bool());
        }
        long cursor = in.bool() ? in.varlong() : Long.MIN_VALUE;
        OpenAlert alert = null;
        if (in.bool()) {
            alert = new OpenAlert(in.varlong(), in.bool(), in.varlong() / 100.0, in.varlong() / 100.0,
                    SEASONS[(int) in.varlong()], in.text(), in.text());
        }
        int size = (int) in.varlong();
        List<RoomReading> buffer = new ArrayList<>(size + 1);
        long at = 0;
        for (int i = 0; i < size; i++) {
            at += in.varlong();
            int flags = (int) in.varlong();
            buffer.add(new RoomReading(at, (flags & 1) != 0, (flags & 2) != 0, in.varlong() / 100.0));
        }
        return new RoomState(settled, buffer, alert, cursor);
    }
}
