package dev.pev4j.internal.llm;

import java.util.List;
import java.util.function.Consumer;

/**
 * Collects a reply as its pieces arrive, cuts it at the first stop string, and hands {@code pieces} only text that
 * can no longer turn into the start of a stop string: the text a streaming backend may show before the reply is
 * complete. What {@code pieces} throws reaches the caller of {@link #append}. Not thread-safe: one generation owns one
 * instance.
 */
public final class StopStrings {

    private final List<String> stops;
    private final Consumer<String> pieces;
    private final int longestStop;
    private final StringBuilder text = new StringBuilder();
    private int delivered;

    public StopStrings(List<String> stops, Consumer<String> pieces) {
        this.stops = List.copyOf(stops);
        this.pieces = pieces;
        this.longestStop = this.stops.stream().mapToInt(String::length).max().orElse(1);
    }

    /** Appends a piece; returns true when the text now holds a stop string (the text is then cut before it). */
    public boolean append(String piece) {
        int searchFrom = Math.max(0, text.length() - longestStop + 1);
        text.append(piece);
        int cut = firstStop(text, stops, searchFrom);
        if (cut >= 0) {
            text.setLength(cut);
            deliverUpTo(cut);
            return true;
        }
        deliverUpTo(text.length() - heldBack());
        return false;
    }

    /** Where the earliest of {@code stops} starts in {@code text} at or after {@code from}, or -1 when none does. */
    public static int firstStop(StringBuilder text, List<String> stops, int from) {
        int first = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop, from);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Hands over what was held back; for a reply that ended without a stop string. */
    public void flush() {
        deliverUpTo(text.length());
    }

    /** The reply so far, cut before a stop string. */
    public String text() {
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

    private void deliverUpTo(int end) {
        if (end <= delivered) {
            return;
        }
        String piece = text.substring(delivered, end);
        delivered = end;
        pieces.accept(piece);
    }
}
