/**
 * LangChain4j chat models as {@link dev.pev4j.llm.LocalLlm} backends: {@link dev.pev4j.llm.langchain4j.ChatModelLlm}
 * wraps any {@code dev.langchain4j.model.chat.ChatModel}, maps requests (messages, token limit, temperature, stop
 * strings, seed, JSON schema) and replies (text, token usage, finish reason), turns LangChain4j's exceptions into
 * {@link dev.pev4j.llm.LlmException}s that name the server and the model, and retries the retriable ones with
 * exponential backoff; {@link dev.pev4j.llm.langchain4j.ServerLlms} builds ready-made backends for Ollama and
 * OpenAI-compatible servers (llama.cpp server, vLLM, LM Studio).
 */
@NullMarked
package dev.pev4j.llm.langchain4j;

import org.jspecify.annotations.NullMarked;
