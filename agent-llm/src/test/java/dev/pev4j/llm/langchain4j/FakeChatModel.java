package dev.pev4j.llm.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** A LangChain4j chat model that replays scripted outcomes (replies or exceptions) and records requests. */
final class FakeChatModel implements ChatModel {

    private final Deque<Supplier<ChatResponse>> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private final Set<Capability> capabilities;
    private final ChatRequestParameters defaults;

    FakeChatModel(String modelName, Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
        this.defaults =
                DefaultChatRequestParameters.builder().modelName(modelName).build();
    }

    FakeChatModel then(ChatResponse response) {
        script.add(() -> response);
        return this;
    }

    FakeChatModel thenThrow(RuntimeException e) {
        script.add(() -> {
            throw e;
        });
        return this;
    }

    List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Supplier<ChatResponse> next = script.poll();
        if (next == null) {
            throw new IllegalStateException("no scripted outcome left for request " + requests.size());
        }
        return next.get();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return defaults;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return capabilities;
    }
}
