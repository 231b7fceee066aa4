package org.ruraledu.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 instantiates only trusted classes while decoding (a defence against gadget chains). Our generated
 * records live in one package, which we trust in addition to whatever the process already trusts.
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
