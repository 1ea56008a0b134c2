package dev.pev4j.llm.hub;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default listener: the start and end of each download at debug level. Thread-safe. */
final class LoggingDownloadListener implements DownloadListener {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingDownloadListener.class);

    @Override
    public void started(ModelRef.HubFile file, long done, long total) {
        LOG.debug("downloading {} from byte {} of {}", file, done, total);
    }

    @Override
    public void progress(ModelRef.HubFile file, long done, long total) {
        // per-chunk lines would flood even a debug log
    }

    @Override
    public void finished(ModelRef.HubFile file, Path path) {
        LOG.debug("downloaded {} to {}", file, path);
    }
}
