package org.ruraledu.streams.dropout;

import org.apache.kafka.common.serialization.Serde;
import org.ruraledu.serde.JsonSerde;

/** Serdes of the dropout state: JSON, so that a changelog record can be read by a person investigating a case. */
public final class DropoutSerdes {
    private DropoutSerdes() {}

    public static Serde<PupilHistory> pupilHistory() {
        return new JsonSerde<>(PupilHistory.class);
    }

    public static Serde<DropoutCase> dropoutCase() {
        return new JsonSerde<>(DropoutCase.class);
    }
}
