package dev.pev4j.llm.llamacpp;

import dev.pev4j.llm.LlmRequest;
import java.nio.file.Path;

/**
 * A main run in a child JVM by {@link PrefixReuseTest}, whose standard error carries llama.cpp's slot log: loads the
 * model file given as first argument (prompt cache on unless the second argument is "nocache"), sends two requests
 * with the same system prompt and different user messages, and prints how many tokens the two prompts share.
 */
public final class PrefixReuseMain {

    static final String SYSTEM =
            "You plan tool calls. Tools: load(path), filter(table, expr), sum(table, column). ".repeat(4);

    private PrefixReuseMain() {}

    public static void main(String[] args) {
        boolean cache = !(args.length > 1 && args[1].equals("nocache"));
        try (LlamaCppLlm llm = LlamaCppLlm.builder()
                .modelFile(Path.of(args[0]))
                .threads(1)
                .contextSize(1024)
                .promptCache(cache)
                .build()) {
            int shared = llm.count("<|im_start|>system\n" + SYSTEM + "<|im_end|>\n<|im_start|>user\n");
            System.out.println("shared prefix tokens: " + shared);
            for (String task : new String[] {"alpha: sum the sales", "omega: count the rows"}) {
                llm.chat(LlmRequest.builder()
                        .system(SYSTEM)
                        .user(task)
                        .maxTokens(4)
                        .seed(1)
                        .build());
                System.out.println("call done");
            }
        }
        System.exit(0);
    }
}
