package org.ruraledu.producers.gateway;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Per-school bearer tokens. A token is {@code rte_} + 32 random bytes in base64url; the file keeps only its
 * SHA-256 (one {@code hash=schoolId} line per token), so a copy of the file lets nobody send as a school.
 * A school may hold several tokens (rotation: issue a new one, then delete the old line). Verification compares
 * every stored hash in constant time, and rereads the file when it changed, so tokens issued by
 * {@code token issue} while a gateway runs are accepted without a restart.
 */
public final class TokenStore {
    public static final String PREFIX = "rte_";
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(null, -1, List.of());

    private record Entry(byte[] hash, String schoolId) {}

    /** The file's content as of one modification time and size. */
    private record Snapshot(FileTime modified, long size, List<Entry> entries) {}

    public TokenStore(Path file) {
        this.file = file;
    }

    /** Creates a token for the school, stores its hash, and returns the token: the only time it is seen. */
    public String issue(String schoolId) {
        if (schoolId == null || schoolId.isBlank()) {
            throw new IllegalArgumentException("school: is required");
        }
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        append(HexFormat.of().formatHex(sha256(token)), schoolId.trim());
        return token;
    }

    /** The school a token was issued to, or empty if the token is unknown. */
    public Optional<String> schoolOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        String match = null;
        // No early exit: the time taken does not depend on which entry (if any) matches.
        for (Entry entry : current().entries()) {
            if (MessageDigest.isEqual(entry.hash(), presented)) {
                match = entry.schoolId();
            }
        }
        return Optional.ofNullable(match);
    }

    private Snapshot current() {
        try {
            if (!Files.exists(file)) {
                return new Snapshot(null, -1, List.of());
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Snapshot known = snapshot;
            if (!modified.equals(known.modified()) || size != known.size()) {
                known = new Snapshot(modified, size, read());
                snapshot = known;
            }
            return known;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Entry> read() throws IOException {
        Properties props = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        HexFormat hex = HexFormat.of();
        List<Entry> entries = new ArrayList<>();
        for (String hash : props.stringPropertyNames()) {
            // A line being appended right now may be cut short: it is read complete on the next change.
            if (hash.matches("[0-9a-fA-F]{64}")) {
                entries.add(new Entry(hex.parseHex(hash), props.getProperty(hash).trim()));
            }
        }
        return entries;
    }

    /** Appends under an exclusive lock, so two {@code token issue} runs at once both land. */
    private void append(String hash, String schoolId) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean created = !Files.exists(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                FileLock lock = channel.lock();
                try {
                    if (created) {
                        restrictToOwner();
                        channel.write(utf8("# ruraledu gateway tokens: SHA-256 of each token = school id. "
                                + "Delete a line to revoke that token.\n"));
                    }
                    channel.write(utf8(propertyLine(hash, schoolId)));
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private void restrictToOwner() {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the hashes alone do not let anyone send as a school.
        }
    }

    /** One line in properties syntax, escaped by Properties itself (without its date comment). */
    private static String propertyLine(String key, String value) throws IOException {
        Properties one = new Properties();
        one.setProperty(key, value);
        StringWriter out = new StringWriter();
        one.store(out, null);
        return out.toString().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow() + "\n";
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
