package dev.pev4j.llm.llamacpp;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes llama.cpp's native log to slf4j (logger {@code dev.pev4j.llm.llamacpp.native}; its chatty INFO lines at
 * debug) and lets a thread collect the warnings and errors it causes, because llama.cpp reports the reason a model
 * failed to load only there. Thread-safe; installed once a JVM, which replaces any logger set on {@link LlamaModel}.
 */
final class NativeLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.pev4j.llm.llamacpp.native");
    private static final ThreadLocal<List<String>> CAPTURED = new ThreadLocal<>();
    private static boolean installed;

    private NativeLog() {}

    static synchronized void install() {
        if (!installed) {
            LlamaModel.setLogger(LogFormat.TEXT, NativeLog::accept);
            installed = true;
        }
    }

    /** Starts collecting this thread's native warnings and errors. */
    static void startCapture() {
        CAPTURED.set(new ArrayList<>());
    }

    /** Stops collecting and returns what this thread's native calls logged as warnings or errors since the start. */
    static List<String> stopCapture() {
        List<String> lines = CAPTURED.get();
        CAPTURED.remove();
        return lines == null ? List.of() : List.copyOf(lines);
    }

    private static void accept(LogLevel level, String text) {
        String line = text.strip();
        if (line.isEmpty()) {
            return;
        }
        switch (level) {
            case ERROR -> LOG.error("{}", line);
            case WARN -> LOG.warn("{}", line);
            case INFO, DEBUG -> LOG.debug("{}", line);
        }
        List<String> capture = CAPTURED.get();
        if (capture != null && (level == LogLevel.ERROR || level == LogLevel.WARN) && capture.size() < 20) {
            capture.add(line);
        }
    }
}
