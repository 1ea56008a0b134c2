/**
 * pev4j's model backends: in-process llama.cpp, the Hugging Face hub cache, LangChain4j chat models and token counting
 * with a model's own tokenizer. Every package is API.
 */
// "requires-automatic": langchain4j's model modules and the llama.cpp binding declare no module name, so they are
// automatic modules named after their jars (langchain4j.ollama, langchain4j.open.ai, llama).
@SuppressWarnings("requires-automatic")
module dev.pev4j.llm {
    // In the API: LocalLlm and the rest of dev.pev4j.llm; ChatModel (langchain4j-core) through dev.pev4j.core.
    requires transitive dev.pev4j.core;
    requires langchain4j.ollama;
    requires langchain4j.open.ai;
    requires llama;
    requires ai.djl.tokenizers;
    requires org.slf4j;
    requires java.net.http;

    exports dev.pev4j.llm.hub;
    exports dev.pev4j.llm.langchain4j;
    exports dev.pev4j.llm.llamacpp;
    exports dev.pev4j.llm.tokenizer;
}
