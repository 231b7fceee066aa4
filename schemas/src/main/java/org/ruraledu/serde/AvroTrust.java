package org.ruraledu.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 instantiates only trusted classes while decoding (a defence against gadget chains). Our generated
 * records live in one package, which we trust in addition to whatever the process already trusts. Since 1.12.2
 * even a builder copy of a record with an enum resolves the enum class through the validator, so every entry
 * point (serdes, topic registry, JSON conversion, the simulator) installs this before it touches a record.
 */
public final class AvroTrust {
    private static final String PACKAGE = "org.ruraledu.schemas.";
    private static boolean installed;

    private AvroTrust() {}

    public static synchronized void ensureInstalled() {
        if (installed) {
            return;
        }
        ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityPredicate ours = type -> type.getName().startsWith(PACKAGE);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, ours));
        installed = true;
    }
}
