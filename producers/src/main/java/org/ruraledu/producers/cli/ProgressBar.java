package org.ruraledu.producers.cli;

import java.io.PrintWriter;

/** A one-line text progress bar on stderr, redrawn in place ({@code \r}) when the percentage changes. */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final long total;
    private final boolean enabled;
    private int shownPercent = -1;

    ProgressBar(PrintWriter out, long total, boolean enabled) {
        this.out = out;
        this.total = total;
        this.enabled = enabled && total > 0;
    }

    /** Shown when someone watches (a terminal) or when the wait is long enough to wonder (a large file). */
    static boolean wanted(long records, long largeFile) {
        return System.console() != null || records > largeFile;
    }

    void update(long done) {
        if (!enabled) {
            return;
        }
        int percent = (int) (100 * Math.min(done, total) / total);
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + String.format("%3d%% %,d/%,d",
                percent, Math.min(done, total), total));
        out.flush();
    }

    void finish(long done) {
        if (enabled) {
            update(done);
            out.println();
            out.flush();
        }
    }
}
