package org.ruraledu.streams.dropout;

import org.apache.kafka.common.serialization.Serde;
import org.ruraledu.serde.StateSerde;

/** Serdes of the dropout state: CBOR (binary JSON, {@link StateSerde}); any CBOR tool shows a changelog record as JSON. */
public final class DropoutSerdes {
    private DropoutSerdes() {}

    public static Serde<PupilHistory> pupilHistory() {
        return new StateSerde<>(PupilHistory.class);
    }

    public static Serde<DropoutCase> dropoutCase() {
        return new StateSerde<>(DropoutCase.class);
    }
}
