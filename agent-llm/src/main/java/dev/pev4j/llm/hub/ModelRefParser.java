package dev.pev4j.llm.hub;

import java.net.URI;
import java.nio.file.Path;

/** Reads the text form of {@link ModelRef}. */
final class ModelRefParser {

    private ModelRefParser() {}

    static ModelRef parse(String reference) {
        if (reference.isBlank()) {
            throw new InvalidModelRefException(reference, "it is empty");
        }
        if (reference.startsWith("hf:")) {
            return parseHub(reference);
        }
        return new ModelRef.LocalFile(localPath(reference));
    }

    private static ModelRef.HubFile parseHub(String reference) {
        String rest = reference.substring("hf:".length());
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int first = rest.indexOf('/');
        if (first <= 0) {
            throw new InvalidModelRefException(reference, "it names no repository (<owner>/<repo>)");
        }
        int second = rest.indexOf('/', first + 1);
        String owner = rest.substring(0, first);
        String nameAndRevision = second < 0 ? rest.substring(first + 1) : rest.substring(first + 1, second);
        String path = second < 0 ? "" : rest.substring(second + 1);
        String name = nameAndRevision;
        String revision = ModelRef.DEFAULT_REVISION;
        int at = nameAndRevision.indexOf('@');
        if (at >= 0) {
            name = nameAndRevision.substring(0, at);
            revision = nameAndRevision.substring(at + 1).replace("%2F", "/").replace("%2f", "/");
        }
        if (path.isEmpty()) {
            throw new InvalidModelRefException(
                    reference, "it names no file inside the repository '" + owner + "/" + name + "'");
        }
        try {
            return new ModelRef.HubFile(owner, name, path, revision);
        } catch (InvalidModelRefException e) {
            // the record names the reference in its canonical form; name it as the user wrote it
            throw new InvalidModelRefException(reference, e.problem());
        }
    }

    private static Path localPath(String reference) {
        String plain = reference.startsWith("file:") ? reference.substring("file:".length()) : reference;
        if (plain.isBlank()) {
            throw new InvalidModelRefException(reference, "it names no file");
        }
        try {
            return reference.startsWith("file://") ? Path.of(URI.create(reference)) : Path.of(plain);
        } catch (IllegalArgumentException e) { // also InvalidPathException
            throw new InvalidModelRefException(reference, "it is not a valid file path (" + e.getMessage() + ")");
        }
    }
}
