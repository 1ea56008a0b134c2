package dev.pev4j.llm.hub;

/**
 * The model file does not exist: the hub has no such repository, revision or file (HTTP 404), or a local path names
 * no file. Not retriable.
 */
public final class ModelNotFoundException extends HubException {

    ModelNotFoundException(ModelRef ref, String message) {
        super(ref, message, false, null);
    }
}
