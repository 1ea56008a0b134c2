package dev.pev4j.examples.cli;

import dev.pev4j.llm.hub.DownloadListener;
import dev.pev4j.llm.hub.ModelRef;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link DownloadListener} that draws a one-line progress bar on a console, by default {@link System#err}:
 * {@code qwen2.5-1.5b-instruct-q4_k_m.gguf [########............]  41%  456.2/1065.6 MiB}. Meant for command-line
 * programs and examples; library code should not install it. Redraws only when the whole percentage changes (or every
 * MiB when the size is unknown). Thread-safe.
 */
final class ConsoleProgressBar implements DownloadListener {

    private static final long MIB = 1024 * 1024;

    private final PrintStream out;
    private final int width;
    private long lastShown = -1;

    /** A 30-character bar on {@link System#err}. */
    public ConsoleProgressBar() {
        this(System.err, 30);
    }

    /**
     * A bar of {@code width} characters on {@code out}.
     *
     * @param width the bar's length in characters, between 5 and 200
     */
    public ConsoleProgressBar(PrintStream out, int width) {
        this.out = Objects.requireNonNull(out, "out == null");
        if (width < 5 || width > 200) {
            throw new IllegalArgumentException("width must be between 5 and 200 but was " + width);
        }
        this.width = width;
    }

    @Override
    public synchronized void started(ModelRef.HubFile file, long done, long total) {
        lastShown = -1;
        draw(file, done, total);
    }

    @Override
    public synchronized void progress(ModelRef.HubFile file, long done, long total) {
        draw(file, done, total);
    }

    @Override
    public synchronized void finished(ModelRef.HubFile file, Path path) {
        out.print(System.lineSeparator());
        out.flush();
        lastShown = -1;
    }

    private void draw(ModelRef.HubFile file, long done, long total) {
        long step = total > 0 ? done * 100 / total : done / MIB;
        if (step == lastShown) {
            return;
        }
        lastShown = step;
        String line;
        if (total > 0) {
            int filled = (int) Math.min(width, done * width / total);
            line = String.format(
                    Locale.ROOT,
                    "\r%s [%s%s] %3d%%  %.1f/%.1f MiB",
                    file.fileName(),
                    "#".repeat(filled),
                    ".".repeat(width - filled),
                    step,
                    done / (double) MIB,
                    total / (double) MIB);
        } else {
            line = String.format(Locale.ROOT, "\r%s  %.1f MiB", file.fileName(), done / (double) MIB);
        }
        out.print(line);
        out.flush();
    }
}
