package dev.pev4j.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;

/**
 * The one atomic file write of pev4j: the content goes to a temporary file in the target's directory, created with
 * the default permissions (so the process umask applies, as for any new file), is forced to disk, takes the mode of
 * the file it replaces, and is then moved over the target in one step. Readers see the old file or the whole new
 * one, never a part; a failed write leaves the target as it was and no temporary file behind. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("run.html"), out -> out.write(bytes), AtomicFiles.Mode.REPLACE);
 * }</pre>
 */
public final class AtomicFiles {

    /** Prefix of the temporary files; directory listings that show users their files leave them out. */
    public static final String TEMP_PREFIX = ".pev4j-";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whether a write may replace an existing file. */
    public enum Mode {
        /** Replace an existing file, keeping its permissions. */
        REPLACE,
        /** Fail with {@link FileAlreadyExistsException} when the file exists, even if it appears during the write. */
        CREATE_NEW
    }

    /** Fills the temporary file of an atomic write; the stream is closed by {@link AtomicFiles}. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code text} as UTF-8; see {@link #write(Path, ContentWriter, Mode)}. */
    public static Path writeString(Path file, CharSequence text, Mode mode) throws IOException {
        Objects.requireNonNull(text, "text == null");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return write(file, out -> out.write(bytes), mode);
    }

    /**
     * Writes {@code file} atomically with what {@code writer} produces.
     *
     * @return {@code file}
     * @throws FileAlreadyExistsException when {@code mode} is {@link Mode#CREATE_NEW} and the file exists
     * @throws IOException when the directory is missing or the file cannot be written; the target is then unchanged
     */
    public static Path write(Path file, ContentWriter writer, Mode mode) throws IOException {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(writer, "writer == null");
        Objects.requireNonNull(mode, "mode == null");
        Path target = file.toAbsolutePath();
        Path dir = Objects.requireNonNull(target.getParent(), "an absolute file path has a parent");
        if (mode == Mode.CREATE_NEW && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = createTemp(dir);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (mode == Mode.REPLACE) {
                keepMode(target, temp);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                moveWithoutReplacing(temp, target);
            }
            forceDirectory(dir);
            return file;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new empty file in {@code dir} with a random name, created with {@code CREATE_NEW} and no explicit
     * permissions, so it gets 0666 less the umask ({@code Files.createTempFile} would force 0600).
     */
    private static Path createTemp(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(TEMP_PREFIX + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** The replaced file's permissions carry over to its replacement. */
    private static void keepMode(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.isRegularFile(target)) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        Files.setPosixFilePermissions(temp, permissions);
    }

    /** A hard link fails atomically if the target appeared meanwhile; a rename would silently replace it. */
    private static void moveWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            // No hard links on this file system: fall back to check-then-rename.
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS); elsewhere a no-op. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (Windows): the file itself was forced, which is what matters most.
        }
    }
}
