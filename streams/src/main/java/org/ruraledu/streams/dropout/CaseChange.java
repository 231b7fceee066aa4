package org.ruraledu.streams.dropout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one case differs after an event was recorded: {@code before} and {@code after} are the case as derived
 * without and with the event (either may be null, not both). A late event can do more than extend the story:
 * it can open and close a case at once (a return that arrived before its dropout), reopen one (a day's
 * attendance corrected to absence), or withdraw one (a backdated dropout that opens the case on an earlier day).
 */
public record CaseChange(DropoutCase before, DropoutCase after) {

    public enum Kind {
        /** A new case, open. */
        OPENED,
        /** A new case that the same late event also closes. */
        OPENED_AND_CLOSED,
        /** An open case closed. */
        CLOSED,
        /** A closed case open again: the event that closed it was corrected. */
        REOPENED,
        /** Same case, same open or closed state; some detail (reason, closing day) changed. */
        REVISED,
        /** The case no longer exists: the events now tell a different story (usually another caseId opened). */
        WITHDRAWN
    }

    public CaseChange {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change needs a case before or after");
        }
    }

    public Kind kind() {
        if (after == null) {
            return Kind.WITHDRAWN;
        }
        if (before == null) {
            return after.isOpen() ? Kind.OPENED : Kind.OPENED_AND_CLOSED;
        }
        if (before.isOpen() != after.isOpen()) {
            return after.isOpen() ? Kind.REOPENED : Kind.CLOSED;
        }
        return Kind.REVISED;
    }

    /** The case this change is about: as it is now, or as it was if it was withdrawn. */
    public DropoutCase dropoutCase() {
        return after != null ? after : before;
    }

    /** The changes between two derivations of the same pupil, in the order the cases opened. */
    static List<CaseChange> between(List<DropoutCase> before, List<DropoutCase> after) {
        Map<String, DropoutCase> was = index(before);
        Map<String, DropoutCase> now = index(after);
        List<CaseChange> changes = new ArrayList<>();
        was.forEach((id, old) -> {
            if (!Objects.equals(old, now.get(id))) {
                changes.add(new CaseChange(old, now.get(id)));
            }
        });
        now.forEach((id, current) -> {
            if (!was.containsKey(id)) {
                changes.add(new CaseChange(null, current));
            }
        });
        changes.sort(Comparator.comparing((CaseChange c) -> c.dropoutCase().openedOn())
                .thenComparing(c -> c.dropoutCase().caseId()));
        return changes;
    }

    private static Map<String, DropoutCase> index(List<DropoutCase> cases) {
        Map<String, DropoutCase> byId = new LinkedHashMap<>();
        cases.forEach(c -> byId.put(c.caseId(), c));
        return byId;
    }
}
