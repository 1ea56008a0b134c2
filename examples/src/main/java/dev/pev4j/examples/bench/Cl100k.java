package dev.pev4j.examples.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LocalLlm.TokenCounter;
import java.util.List;

/**
 * Counts tokens with OpenAI's cl100k_base BPE (jtokkit, vocabulary bundled, works offline), and the tokens of a chat
 * request as a ChatML-style template renders it. Both systems of the agent benchmark are counted by this class, so
 * the template's overhead is the same for both. Thread-safe.
 */
final class Cl100k implements TokenCounter {

    static final String NAME = "cl100k_base";

    /**
     * Tokens a chat template adds around each message: {@code <|im_start|>}, the role, a line break and
     * {@code <|im_end|>} (OpenAI's accounting for its chat models is the same size).
     */
    static final int PER_MESSAGE = 4;

    /** Tokens that open the reply: {@code <|im_start|>assistant} and a line break. */
    static final int REPLY_PRIMER = 3;

    static final Cl100k INSTANCE = new Cl100k();

    private final Encoding encoding;

    private Cl100k() {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    /** Text that happens to spell a special token ({@code <|endoftext|>}) counts as ordinary text, as a prompt's would. */
    @Override
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }

    /** The tokens of a whole request: every message's text plus the template's tokens around it. */
    int countChat(List<ChatMessage> messages) {
        int tokens = REPLY_PRIMER;
        for (ChatMessage message : messages) {
            tokens += PER_MESSAGE + count(message.text());
        }
        return tokens;
    }

    @Override
    public String toString() {
        return "Cl100k[" + NAME + "]";
    }
}
