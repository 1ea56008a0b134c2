package dev.pev4j.llm.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hugging Face hub cache on disk, in the layout of Python's {@code huggingface_hub}, so files either side
 * fetched are reused by the other:
 *
 * <pre>
 * {root}/models--{owner}--{name}/blobs/{etag}                  the file's bytes ({etag}.incomplete while downloading)
 * {root}/models--{owner}--{name}/snapshots/{commit}/{path}     a relative symbolic link to ../../blobs/{etag}
 * {root}/models--{owner}--{name}/refs/{revision}               the commit hash the revision pointed at
 * </pre>
 *
 * <p>Where symbolic links cannot be made (Windows without developer mode) the snapshot holds a copy.
 * Immutable and thread-safe; writes go through temporary files and atomic moves.
 */
public final class HubCache {

    private static final Logger LOG = LoggerFactory.getLogger(HubCache.class);
    private static final Pattern COMMIT_HASH = Pattern.compile("[0-9a-f]{40}");

    private final Path root;

    private HubCache(Path root) {
        this.root = root;
    }

    /** The cache at {@code root} (the directory holding the {@code models--*} directories). */
    public static HubCache at(Path root) {
        Objects.requireNonNull(root, "root == null");
        return new HubCache(root.toAbsolutePath().normalize());
    }

    /** The cache named by the process environment; see {@link #fromEnvironment(Map)}. */
    public static HubCache fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The cache {@code huggingface_hub} would use with {@code env}: {@code HF_HUB_CACHE} (or its old name
     * {@code HUGGINGFACE_HUB_CACHE}), else {@code HF_HOME/hub}, else {@code XDG_CACHE_HOME/huggingface/hub}, else
     * {@code ~/.cache/huggingface/hub}. A leading {@code ~/} means the user's home directory.
     */
    public static HubCache fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env == null");
        String hubCache = firstSet(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE");
        if (hubCache != null) {
            return at(expandHome(hubCache));
        }
        String home = firstSet(env, "HF_HOME");
        if (home != null) {
            return at(expandHome(home).resolve("hub"));
        }
        String xdg = firstSet(env, "XDG_CACHE_HOME");
        if (xdg != null) {
            return at(expandHome(xdg).resolve("huggingface").resolve("hub"));
        }
        return at(userHome().resolve(".cache").resolve("huggingface").resolve("hub"));
    }

    /** The directory holding the {@code models--*} directories. */
    public Path root() {
        return root;
    }

    /** The directory of {@code file}'s repository: {@code {root}/models--{owner}--{name}}. */
    public Path repoDirectory(ModelRef.HubFile file) {
        return root.resolve("models--" + file.owner() + "--" + file.name());
    }

    /** Where the snapshot of {@code commit} holds {@code file}. */
    public Path snapshotPath(ModelRef.HubFile file, String commit) {
        requireCommit(commit);
        return resolveRelative(repoDirectory(file).resolve("snapshots").resolve(commit), file.path());
    }

    /** The ref file that records which commit {@code file}'s revision points at. */
    public Path refPath(ModelRef.HubFile file) {
        return resolveRelative(repoDirectory(file).resolve("refs"), file.revision());
    }

    /** Where the blob with {@code etag} lives. */
    public Path blobPath(ModelRef.HubFile file, String etag) {
        if (etag.isEmpty() || etag.contains("/") || etag.contains("\\") || etag.startsWith(".")) {
            throw new IllegalArgumentException("etag must be a plain file name but was '" + etag + "'");
        }
        return repoDirectory(file).resolve("blobs").resolve(etag);
    }

    /**
     * The commit {@code file}'s revision points at, as far as the cache knows: the revision itself when it is a
     * commit hash, else the hash in its ref file.
     */
    public Optional<String> commitOf(ModelRef.HubFile file) {
        if (file.pinsCommit()) {
            return Optional.of(file.revision());
        }
        Path ref = refPath(file);
        try {
            String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            if (COMMIT_HASH.matcher(commit).matches()) {
                return Optional.of(commit);
            }
            LOG.warn("ignoring ref file {}: it holds '{}' where a 40-hex commit hash belongs", ref, commit);
            return Optional.empty();
        } catch (IOException e) { // most often NoSuchFileException: the revision was never fetched
            return Optional.empty();
        }
    }

    /** The cached copy of {@code file} at its revision, if the cache has it (a dangling link does not count). */
    public Optional<Path> find(ModelRef.HubFile file) {
        return commitOf(file).map(commit -> snapshotPath(file, commit)).filter(Files::isRegularFile);
    }

    Path incompletePath(ModelRef.HubFile file, String etag) {
        Path blob = blobPath(file, etag);
        return blob.resolveSibling(blob.getFileName() + ".incomplete");
    }

    /** A lock file in {@code .locks}, where {@code huggingface_hub} keeps its own. */
    Path lockPath(ModelRef.HubFile file, String etag) {
        return root.resolve(".locks").resolve(repoDirectory(file).getFileName()).resolve(etag + ".lock");
    }

    /** Records that {@code file}'s revision points at {@code commit}; nothing to record for a pinned commit. */
    void writeRef(ModelRef.HubFile file, String commit) {
        requireCommit(commit);
        if (file.revision().equals(commit)) {
            return;
        }
        Path ref = refPath(file);
        try {
            Files.createDirectories(ref.getParent());
            Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            moveReplacing(tmp, ref);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ref file " + ref, e);
        }
    }

    /**
     * Makes the snapshot entry of {@code file} at {@code commit} point at {@code blob}: a relative symbolic link, or
     * a copy where links cannot be made.
     */
    Path linkSnapshot(ModelRef.HubFile file, String commit, Path blob) {
        Path snapshot = snapshotPath(file, commit);
        try {
            Files.createDirectories(snapshot.getParent());
            Files.deleteIfExists(snapshot); // a dangling link or a stale copy
            try {
                Files.createSymbolicLink(
                        snapshot, Objects.requireNonNull(snapshot.getParent()).relativize(blob));
            } catch (FileAlreadyExistsException e) {
                LOG.debug("{} appeared while linking it; keeping it", snapshot);
            } catch (UnsupportedOperationException | IOException | SecurityException e) {
                LOG.debug("cannot link {} to {} ({}); copying instead", snapshot, blob, e.toString());
                Path tmp = Files.createTempFile(snapshot.getParent(), ".copy", ".tmp");
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
                moveReplacing(tmp, snapshot);
            }
            return snapshot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create snapshot entry " + snapshot, e);
        }
    }

    static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) { // AtomicMoveNotSupportedException, or a file system that cannot replace atomically
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path resolveRelative(Path dir, String slashPath) {
        Path p = dir;
        for (String part : slashPath.split("/", -1)) {
            p = p.resolve(part);
        }
        return p;
    }

    private static void requireCommit(String commit) {
        if (!COMMIT_HASH.matcher(commit).matches()) {
            throw new IllegalArgumentException("commit must be 40 lower-case hex digits but was '" + commit + "'");
        }
    }

    private static @Nullable String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static Path expandHome(String path) {
        if (path.equals("~")) {
            return userHome();
        }
        if (path.startsWith("~/") || path.startsWith("~\\")) {
            return userHome().resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static Path userHome() {
        return Path.of(System.getProperty("user.home"));
    }

    @Override
    public String toString() {
        return "HubCache[" + root + "]";
    }
}
