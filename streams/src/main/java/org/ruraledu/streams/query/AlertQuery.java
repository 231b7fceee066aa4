package org.ruraledu.streams.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.District;
import org.ruraledu.streams.alert.TrackedAlert;

/**
 * {@code GET /v1/alerts?state=OPEN&district=}: the latest state of each alert. {@code state=OPEN} (the default)
 * means still open, i.e. OPEN or UPDATED; {@code state=RESOLVED} lists resolved ones. Newest first.
 */
record AlertQuery(boolean open, String district) {

    static AlertQuery parse(String state, String district) {
        String s = state == null || state.isBlank() ? "OPEN" : state.trim().toUpperCase(java.util.Locale.ROOT);
        if (!s.equals("OPEN") && !s.equals("RESOLVED")) {
            throw new BadQueryException("state must be OPEN or RESOLVED, got '" + state + "'");
        }
        String d = district == null || district.isBlank() ? null : district.trim();
        if (d != null && !District.isKey(d)) {
            throw new BadQueryException("district must be a district key (huancui, wendeng, rongcheng, rushan, "
                    + "gaoqu, jingqu, lingang, nanhai), got '" + district + "'");
        }
        return new AlertQuery(s.equals("OPEN"), d);
    }

    /** Open alerts come from the open-alerts index, so their cost does not grow with the resolved history. */
    List<Alert> run(QueryStores stores) {
        ReadOnlyKeyValueStore<String, TrackedAlert> store = open ? stores.openAlerts() : stores.alerts();
        List<Alert> found = new ArrayList<>();
        try (KeyValueIterator<String, TrackedAlert> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, TrackedAlert> next = it.next();
                TrackedAlert tracked = next.value;
                if (tracked.latest() != null && tracked.open() == open
                        && (district == null || district.equals(tracked.latest().district()))) {
                    found.add(tracked.latest());
                }
            }
        }
        found.sort(Comparator.comparing(Alert::updatedAt).reversed().thenComparing(Alert::alertId));
        return found;
    }
}
