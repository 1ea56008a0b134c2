package dev.pev4j.llm.llamacpp;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a reply as pieces arrive, cuts it at the first stop string, and hands the listener only text that can no
 * longer turn into a stop string. Not thread-safe: one generation owns one instance.
 */
final class StopStrings {

    private static final Logger LOG = LoggerFactory.getLogger(StopStrings.class);

    private final List<String> stops;
    private final @Nullable TokenListener listener;
    private final StringBuilder text = new StringBuilder();
    private int delivered;

    StopStrings(List<String> stops, @Nullable TokenListener listener) {
        this.stops = List.copyOf(stops);
        this.listener = listener;
    }

    /** Appends a piece; returns true when the text now contains a stop string (the text is then cut before it). */
    boolean append(String piece) {
        int searchFrom = Math.max(0, text.length() - longestStop() + 1);
        text.append(piece);
        int cut = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop, searchFrom);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            text.setLength(cut);
            deliverUpTo(cut);
            return true;
        }
        deliverUpTo(text.length() - heldBack());
        return false;
    }

    /** Delivers what was held back; for a reply that ended without a stop string. */
    void flush() {
        deliverUpTo(text.length());
    }

    String text() {
        return text.toString();
    }

    /** The length of the longest end of the text that is the start of a stop string. */
    private int heldBack() {
        int held = 0;
        for (String stop : stops) {
            for (int n = Math.min(stop.length() - 1, text.length()); n > held; n--) {
                if (stop.startsWith(text.substring(text.length() - n))) {
                    held = n;
                    break;
                }
            }
        }
        return held;
    }

    private int longestStop() {
        int longest = 1;
        for (String stop : stops) {
            longest = Math.max(longest, stop.length());
        }
        return longest;
    }

    private void deliverUpTo(int end) {
        if (end <= delivered) {
            return;
        }
        String piece = text.substring(delivered, end);
        delivered = end;
        if (listener != null) {
            try {
                listener.onToken(piece);
            } catch (RuntimeException e) {
                LOG.warn("token listener failed; generation goes on", e);
            }
        }
    }
}
