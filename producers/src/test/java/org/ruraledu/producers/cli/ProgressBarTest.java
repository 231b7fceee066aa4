package org.ruraledu.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void redrawsInPlaceOnlyWhenThePercentageChanges() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), 200, true);
        bar.update(0);
        bar.update(1); // still 0 %
        bar.update(100);
        bar.finish(200);

        assertThat(out.toString().split("\r", -1)).containsExactly("",
                "[                              ]   0% 0/200",
                "[###############               ]  50% 100/200",
                "[##############################] 100% 200/200\n");
    }

    @Test
    void printsNothingWhenNotWanted() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), 200, false);
        bar.update(100);
        bar.finish(200);
        assertThat(out.toString()).isEmpty();
    }
}
