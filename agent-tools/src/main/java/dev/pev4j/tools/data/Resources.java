package dev.pev4j.tools.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text resources of this package (planner examples, retrieval words), read as UTF-8. Stateless. */
final class Resources {

    private Resources() {}

    /**
     * The resource {@code name} in {@code dev/pev4j/tools/data}.
     *
     * @throws IllegalStateException when it is missing: a packaging bug, not a user error
     */
    static String text(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource dev/pev4j/tools/data/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
