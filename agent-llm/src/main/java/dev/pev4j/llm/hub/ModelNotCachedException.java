package dev.pev4j.llm.hub;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Offline mode ({@code HF_HUB_OFFLINE=1}) forbids downloading a file that is not in the cache. The message says where
 * the file would have to be; {@link #expectedPath()} is that path when the revision's commit is known.
 */
public final class ModelNotCachedException extends HubException {

    private final transient @Nullable Path expectedPath;

    ModelNotCachedException(ModelRef.HubFile ref, String message, @Nullable Path expectedPath) {
        super(ref, message, false, null);
        this.expectedPath = expectedPath;
    }

    /** Where the cache would hold the file, when the commit of the revision is known (pinned or in a ref file). */
    public Optional<Path> expectedPath() {
        return Optional.ofNullable(expectedPath);
    }
}
