package dev.pev4j.tools.workspace;

import dev.pev4j.internal.Bounds;
import dev.pev4j.internal.Suggestions;
import dev.pev4j.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A root directory to which all file access of tools is confined: paths are relative to it, and nothing outside it
 * can be read or written, whether through {@code ..}, an absolute path or a symbolic link. Writes are atomic and never
 * replace an existing file unless asked, so input files are never modified. Immutable and thread-safe.
 *
 * <pre>{@code
 * Workspace workspace = Workspace.of(Path.of("data"));
 * Path sales = workspace.resolve("sales.csv");
 * workspace.writeAtomically("summary.csv", bytes, false);
 * }</pre>
 */
public final class Workspace {

    /** Prefix of the temporary files of {@link #writeAtomically}; {@link #list()} leaves them out. */
    static final String TEMP_PREFIX = AtomicFiles.TEMP_PREFIX;

    private static final int LISTED_FILES = 20;

    /** The longest path accepted: Linux's PATH_MAX. */
    private static final int MAX_PATH_CHARS = 4096;

    private final Path root;
    /** Real paths of the files that may never be replaced (see {@link #protectingInputs()}). */
    private final Set<Path> inputs;

    private Workspace(Path root, Set<Path> inputs) {
        this.root = root;
        this.inputs = inputs;
    }

    /**
     * The workspace rooted at {@code root}, which must be an existing directory.
     *
     * @throws WorkspaceException naming the path when it does not exist or is not a directory
     */
    public static Workspace of(Path root) {
        Objects.requireNonNull(root, "root == null");
        if (!Files.exists(root)) {
            throw new WorkspaceException(root.toString(), "workspace root '" + root + "' does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new WorkspaceException(root.toString(), "workspace root '" + root + "' is not a directory");
        }
        try {
            return new Workspace(root.toRealPath(), Set.of());
        } catch (IOException e) {
            throw new WorkspaceException(
                    root.toString(), "workspace root '" + root + "' cannot be opened: " + e, List.of(), e);
        }
    }

    /**
     * This workspace, with the files it holds now marked as inputs: writes never replace them, even with
     * {@code overwrite}, so a plan run over a user's folder cannot destroy the data it reads.
     *
     * @throws WorkspaceException when the workspace cannot be listed
     */
    public Workspace protectingInputs() {
        Set<Path> files = new HashSet<>(inputs);
        for (String name : list()) {
            files.add(root.resolve(name));
        }
        return new Workspace(root, Set.copyOf(files));
    }

    /** The root directory, as a real (absolute, link-free) path. */
    public Path root() {
        return root;
    }

    /**
     * The real path of an existing file or directory inside the workspace.
     *
     * @param relativePath a path relative to the root ({@code "sales.csv"}, {@code "data/2024.csv"}); an absolute
     *     path is accepted only if it lies inside the root
     * @throws WorkspaceException when the path leads out of the workspace (through {@code ..}, as an absolute path or
     *     through a symbolic link) or does not exist; for a missing file the message lists the nearest existing names
     */
    public Path resolve(String relativePath) {
        Path candidate = lexicallyInside(relativePath);
        if (!Files.exists(candidate)) {
            throw missing(relativePath);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException(
                    relativePath, "path '" + Bounds.quote(relativePath) + "' cannot be opened: " + e, List.of(), e);
        }
        if (!real.startsWith(root)) {
            throw throughLink(relativePath);
        }
        return real;
    }

    /**
     * The files in the workspace, recursively, as relative names with {@code /} separators, sorted. Symbolic links
     * are listed only when they lead to a file inside the workspace.
     */
    public List<String> list() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(path -> {
                if (path.getFileName().toString().startsWith(TEMP_PREFIX) || !isFileInside(path)) {
                    return;
                }
                List<String> parts = new ArrayList<>();
                root.relativize(path).forEach(part -> parts.add(part.toString()));
                names.add(String.join("/", parts));
            });
        } catch (IOException | UncheckedIOException e) {
            throw new WorkspaceException(".", "cannot list the workspace: " + e, List.of(), e);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    /**
     * Writes {@code content} to a file of the workspace atomically; see {@link #writeAtomically(String,
     * ContentWriter, boolean)}.
     */
    public Path writeAtomically(String relativePath, byte[] content, boolean overwrite) {
        Objects.requireNonNull(content, "content == null");
        byte[] copy = content.clone();
        return writeAtomically(relativePath, out -> out.write(copy), overwrite);
    }

    /**
     * Writes a file of the workspace atomically: {@code writer} fills a temporary file in the target's directory,
     * which is then moved in place in one step, so readers see the old file or the whole new one, never a part.
     * Missing parent directories inside the workspace are created.
     *
     * @param overwrite whether an existing file may be replaced; when {@code false} and the file exists, nothing is
     *     written
     * @return the real path written
     * @throws WorkspaceException when the path leads out of the workspace, names a directory, exists and
     *     {@code overwrite} is false, or writing fails
     */
    public Path writeAtomically(String relativePath, ContentWriter writer, boolean overwrite) {
        Objects.requireNonNull(writer, "writer == null");
        Path target = writableTarget(relativePath);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new WorkspaceException(
                    relativePath, "path '" + Bounds.quote(relativePath) + "' is a directory, not a file");
        }
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw alreadyExists(relativePath);
        }
        if (overwrite && inputs.contains(target)) {
            throw new WorkspaceException(
                    relativePath,
                    "file '" + Bounds.quote(relativePath)
                            + "' is an input (it was in the workspace when the run started) and is never replaced; "
                            + "write to another name");
        }
        try {
            AtomicFiles.write(
                    target, writer::writeTo, overwrite ? AtomicFiles.Mode.REPLACE : AtomicFiles.Mode.CREATE_NEW);
            return target;
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(relativePath);
        } catch (IOException e) {
            throw new WorkspaceException(
                    relativePath, "could not write '" + Bounds.quote(relativePath) + "': " + e, List.of(), e);
        }
    }

    /**
     * Fills the temporary file of an atomic write. The stream is closed by the workspace.
     */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    @Override
    public String toString() {
        return "Workspace[" + root + "]";
    }

    /** The path to write: its nearest existing ancestor must really lie inside, and missing directories are made. */
    private Path writableTarget(String relativePath) {
        Path candidate = lexicallyInside(relativePath);
        if (candidate.equals(root)) {
            throw new WorkspaceException(
                    relativePath, "path '" + Bounds.quote(relativePath) + "' names the workspace root, not a file");
        }
        Path parent = Objects.requireNonNull(candidate.getParent(), "a path below the root has a parent");
        Path existing = parent;
        while (!Files.exists(existing)) {
            existing = Objects.requireNonNull(existing.getParent(), "the root exists");
        }
        try {
            Path realExisting = existing.toRealPath();
            if (!realExisting.startsWith(root)) {
                throw throughLink(relativePath);
            }
            Path realParent = realExisting.resolve(existing.relativize(parent));
            Files.createDirectories(realParent);
            Path target = realParent.resolve(candidate.getFileName());
            if (Files.isSymbolicLink(target) && !resolvesInside(target)) {
                throw throughLink(relativePath);
            }
            return target;
        } catch (IOException e) {
            throw new WorkspaceException(
                    relativePath, "could not write '" + Bounds.quote(relativePath) + "': " + e, List.of(), e);
        }
    }

    /** The normalized absolute path for {@code relativePath}, if it stays inside the root without following links. */
    private Path lexicallyInside(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath == null");
        if (relativePath.isBlank()) {
            throw new WorkspaceException(relativePath, "path is empty; name a file in the workspace");
        }
        if (relativePath.length() > MAX_PATH_CHARS) {
            throw new WorkspaceException(
                    relativePath,
                    "path '" + Bounds.quote(relativePath) + "' has " + relativePath.length() + " characters; at most "
                            + MAX_PATH_CHARS + " are allowed");
        }
        Path path;
        try {
            path = Path.of(relativePath);
        } catch (InvalidPathException e) {
            throw new WorkspaceException(
                    relativePath,
                    "path '" + Bounds.quote(relativePath) + "' is not a valid path: " + e.getReason(),
                    List.of(),
                    e);
        }
        if (path.isAbsolute()) {
            Path normalized = path.normalize();
            if (!normalized.startsWith(root)) {
                throw new WorkspaceException(
                        relativePath,
                        "path '" + Bounds.quote(relativePath)
                                + "' is outside the workspace; use a path relative to the workspace root");
            }
            return normalized;
        }
        Path candidate = root.resolve(path).normalize();
        if (!candidate.startsWith(root)) {
            throw new WorkspaceException(
                    relativePath,
                    "path '" + Bounds.quote(relativePath)
                            + "' is outside the workspace: '..' leads above the workspace root");
        }
        return candidate;
    }

    private boolean isFileInside(Path path) {
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        return Files.isSymbolicLink(path) && Files.isRegularFile(path) && resolvesInside(path);
    }

    private boolean resolvesInside(Path link) {
        try {
            return link.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    private WorkspaceException missing(String relativePath) {
        List<String> files = list();
        List<String> nearest = Suggestions.closest(relativePath, files, 3);
        StringBuilder message =
                new StringBuilder("file '").append(Bounds.quote(relativePath)).append("' not found in the workspace");
        if (files.isEmpty()) {
            message.append("; the workspace has no files");
        } else {
            if (!nearest.isEmpty()) {
                message.append("; ").append(Suggestions.didYouMean(nearest));
            }
            message.append(nearest.isEmpty() ? "; files: " : " files: ");
            message.append(String.join(", ", files.subList(0, Math.min(LISTED_FILES, files.size()))));
            if (files.size() > LISTED_FILES) {
                message.append(" … and ").append(files.size() - LISTED_FILES).append(" more");
            }
        }
        return new WorkspaceException(relativePath, message.toString(), nearest, null);
    }

    private static WorkspaceException throughLink(String relativePath) {
        return new WorkspaceException(
                relativePath,
                "path '" + Bounds.quote(relativePath)
                        + "' is outside the workspace: it goes through a symbolic link that leads out of it");
    }

    private static WorkspaceException alreadyExists(String relativePath) {
        return new WorkspaceException(
                relativePath,
                "file '" + Bounds.quote(relativePath) + "' already exists; choose another name or pass overwrite=true");
    }
}
