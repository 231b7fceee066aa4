package org.ruraledu.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * A value made once and kept in a file beside the state it belongs to, so that every later run over that state
 * finds the same value (the local demo's pseudonym key, a streams instance's group id). The file is readable
 * by its owner only from its first byte on.
 */
public final class KeptOnce {
    private KeptOnce() {}

    /** The value in {@code file}, after writing {@code make}'s value into it if the file does not exist. */
    public static String readOrCreate(Path file, Supplier<String> make) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                createOwnerOnly(file);
                Files.writeString(file, make.get() + System.lineSeparator(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }
}
