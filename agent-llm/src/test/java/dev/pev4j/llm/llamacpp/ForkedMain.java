package dev.pev4j.llm.llamacpp;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import java.nio.file.Path;

/**
 * A main run in a child JVM by {@link JvmExitTest}: loads the model file given as first argument, generates a few
 * tokens, closes the model and returns without {@link System#exit}. With "helper" as second argument it first calls
 * {@link LlamaCppLlm#exitJvmWhenMainReturns()}; with "throw" as third it ends by throwing.
 */
public final class ForkedMain {

    private ForkedMain() {}

    public static void main(String[] args) {
        if (args.length > 1 && args[1].equals("helper")) {
            LlamaCppLlm.exitJvmWhenMainReturns();
        } else {
            watchMainEnd(Thread.currentThread());
        }
        try (LlamaCppLlm llm = LlamaCppLlm.builder()
                .modelFile(Path.of(args[0]))
                .threads(1)
                .contextSize(256)
                .build()) {
            LlmResponse reply = llm.chat(
                    LlmRequest.builder().user("hi").maxTokens(4).seed(1).build());
            System.out.println("generated " + reply.usage().outputTokens() + " tokens");
        }
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.isAlive() && !t.isDaemon() && stack.length == 0) {
                System.out.println("native non-daemon thread: " + t.getName());
            }
        });
        System.out.println("main returns");
        if (args.length > 2 && args[2].equals("throw")) {
            throw new IllegalStateException("main failed on purpose");
        }
    }

    /**
     * Once {@code main} has ended, prints the non-daemon threads still alive: the JVM cannot end while any is (JLS
     * 12.8), so a non-empty list is the event {@link JvmExitTest} waits for, no clock involved.
     */
    private static void watchMainEnd(Thread main) {
        Thread watcher = new Thread(
                () -> {
                    try {
                        main.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    StringBuilder names = new StringBuilder();
                    Thread.getAllStackTraces().keySet().forEach(t -> {
                        if (t.isAlive() && !t.isDaemon() && !t.getName().equals("DestroyJavaVM")) {
                            names.append(names.length() == 0 ? "" : ", ").append(t.getName());
                        }
                    });
                    System.out.println("after main, non-daemon threads: " + names);
                    System.out.flush();
                },
                "main-end-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
