package dev.pev4j.internal;

/** Text helpers shared by the modules. Stateless. */
public final class Texts {

    private Texts() {}

    /**
     * Compares by Unicode code points, as Python compares {@code str}s (and so pandas sorts and compares text);
     * {@link String#compareTo} compares UTF-16 units and orders characters beyond U+FFFF differently.
     */
    public static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }
}
