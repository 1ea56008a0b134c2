package dev.pev4j.llm.hub;

import java.nio.file.Path;

/**
 * Hears how a download advances. Calls for one download come one at a time, but may come from an HTTP client thread
 * rather than the thread calling {@link ModelResolver#resolve}. A listener that throws is logged and ignored: it never
 * fails a download. Files found in the cache cause no calls.
 */
@FunctionalInterface
public interface DownloadListener {

    /** A listener that does nothing. */
    static DownloadListener none() {
        return (file, done, total) -> {};
    }

    /**
     * A download (or a resumed attempt) starts.
     *
     * @param done bytes already on disk from an earlier attempt, 0 for a fresh start
     * @param total the file's size in bytes, -1 when the hub did not say
     */
    default void started(ModelRef.HubFile file, long done, long total) {}

    /**
     * More bytes arrived.
     *
     * @param done bytes of the file on disk so far
     * @param total the file's size in bytes, -1 when the hub did not say
     */
    void progress(ModelRef.HubFile file, long done, long total);

    /** The file is downloaded, verified and in the cache at {@code path}. */
    default void finished(ModelRef.HubFile file, Path path) {}
}
