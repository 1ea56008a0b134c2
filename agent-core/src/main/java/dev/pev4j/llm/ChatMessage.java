package dev.pev4j.llm;

import java.util.Objects;

/** One message of a conversation with a model. Immutable and thread-safe. */
public record ChatMessage(Role role, String text) {

    /** Who wrote a message. */
    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role == null");
        Objects.requireNonNull(text, "text == null");
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, text);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text);
    }
}
