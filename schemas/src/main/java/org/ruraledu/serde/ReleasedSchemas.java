package org.ruraledu.serde;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every version of a record's schema that the project has ever released, kept in the repository under
 * {@code org/ruraledu/schemas/released/{Record}/v{n}.avsc}. A reader must decode all of them, forever.
 */
public final class ReleasedSchemas {
    private static final String ROOT = "/org/ruraledu/schemas/released/";

    private ReleasedSchemas() {}

    /** Released versions of the record, oldest first (v1, v2, ... until the first missing number). */
    public static List<Schema> of(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(ROOT + recordName + "/v" + v + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read released schema " + recordName + " v" + v, e);
            }
        }
    }
}
