package dev.pev4j.llm.hub;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a model file comes from: a file in a Hugging Face hub repository ({@link HubFile}) or a file on disk
 * ({@link LocalFile}). Immutable and thread-safe.
 *
 * <pre>{@code
 * ModelRef.parse("hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf"); // branch main
 * ModelRef.parse("hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF@v1.0/qwen2.5-1.5b-instruct-q4_k_m.gguf"); // tag, branch or commit
 * ModelRef.parse("models/qwen.gguf"); // or /abs/path.gguf, file:models/qwen.gguf, file:///abs/path.gguf
 * }</pre>
 *
 * <p>The revision goes after the repository name, as in {@code huggingface_hub}'s {@code hf://} paths; a revision
 * holding {@code /} (such as {@code refs/pr/1}) is written with {@code %2F}.
 */
public sealed interface ModelRef permits ModelRef.HubFile, ModelRef.LocalFile {

    /** The revision used when a reference names none. */
    String DEFAULT_REVISION = "main";

    /**
     * Parses {@code hf:<owner>/<repo>[@<revision>]/<path>} (also {@code hf://...}) as a {@link HubFile}, anything
     * else as a {@link LocalFile} path ({@code file:} prefix allowed).
     *
     * @throws InvalidModelRefException if the reference is empty or malformed, with the accepted forms
     */
    static ModelRef parse(String reference) {
        Objects.requireNonNull(reference, "reference == null");
        return ModelRefParser.parse(reference);
    }

    /** A file in the hub repository {@code repoId} ({@code owner/name}) at revision {@value #DEFAULT_REVISION}. */
    static HubFile hub(String repoId, String path) {
        Objects.requireNonNull(repoId, "repoId == null");
        Objects.requireNonNull(path, "path == null");
        int slash = repoId.indexOf('/');
        if (slash < 0) {
            throw new InvalidModelRefException(repoId, "a repository id is <owner>/<name>");
        }
        return new HubFile(repoId.substring(0, slash), repoId.substring(slash + 1), path, DEFAULT_REVISION);
    }

    /** A model file on disk. */
    static LocalFile local(Path path) {
        return new LocalFile(path);
    }

    /**
     * A file in a Hugging Face hub model repository.
     *
     * @param owner the user or organisation, e.g. {@code Qwen}
     * @param name the repository name, e.g. {@code Qwen2.5-1.5B-Instruct-GGUF}
     * @param path the file's path inside the repository, {@code /}-separated
     * @param revision a branch, tag or commit hash
     */
    record HubFile(String owner, String name, String path, String revision) implements ModelRef {

        private static final Pattern REPO_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
        private static final Pattern COMMIT_HASH = Pattern.compile("[0-9a-f]{40}");

        public HubFile {
            Objects.requireNonNull(owner, "owner == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(path, "path == null");
            Objects.requireNonNull(revision, "revision == null");
            String shown = text(owner, name, path, revision);
            if (!REPO_PART.matcher(owner).matches()) {
                throw new InvalidModelRefException(
                        shown,
                        "'" + owner + "' is not a valid owner (letters, digits,"
                                + " '-', '_' and '.', starting with a letter or digit)");
            }
            if (!REPO_PART.matcher(name).matches()) {
                throw new InvalidModelRefException(
                        shown,
                        "'" + name + "' is not a valid repository name (letters,"
                                + " digits, '-', '_' and '.', starting with a letter or digit)");
            }
            if (path.isEmpty()) {
                throw new InvalidModelRefException(
                        shown, "it names no file inside the repository '" + owner + "/" + name + "'");
            }
            if (!safeRelativePath(path)) {
                throw new InvalidModelRefException(
                        shown,
                        "the file path '" + path + "' must be relative, with no"
                                + " empty, '.' or '..' parts, backslashes or control characters");
            }
            if (revision.isEmpty()) {
                throw new InvalidModelRefException(shown, "the revision after '@' is empty");
            }
            if (!safeRelativePath(revision)) {
                throw new InvalidModelRefException(
                        shown,
                        "the revision '" + revision + "' must have no empty, '.'"
                                + " or '..' parts, backslashes or control characters");
            }
        }

        /** The repository id, {@code owner/name}. */
        public String repoId() {
            return owner + "/" + name;
        }

        /** The last part of {@link #path()}. */
        public String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** Whether {@link #revision()} is a full commit hash (40 lower-case hex digits). */
        public boolean pinsCommit() {
            return COMMIT_HASH.matcher(revision).matches();
        }

        /** This file at another revision. */
        public HubFile withRevision(String newRevision) {
            return new HubFile(owner, name, path, newRevision);
        }

        /** The reference in the form {@link ModelRef#parse} reads. */
        @Override
        public String toString() {
            return text(owner, name, path, revision);
        }

        private static String text(String owner, String name, String path, String revision) {
            String at = revision.equals(DEFAULT_REVISION) ? "" : "@" + revision.replace("/", "%2F");
            return "hf:" + owner + "/" + name + at + "/" + path;
        }

        private static boolean safeRelativePath(String p) {
            if (p.startsWith("/") || p.endsWith("/")) {
                return false;
            }
            for (String part : p.split("/", -1)) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    return false;
                }
            }
            return p.chars().noneMatch(c -> c == '\\' || Character.isISOControl(c));
        }
    }

    /**
     * A model file on disk.
     *
     * @param path the file, absolute or relative to the working directory
     */
    record LocalFile(Path path) implements ModelRef {

        public LocalFile {
            Objects.requireNonNull(path, "path == null");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }
}
