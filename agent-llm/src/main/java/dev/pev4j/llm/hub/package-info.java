/**
 * Model files from the Hugging Face hub: a {@link dev.pev4j.llm.hub.ModelRef} names a GGUF file either on the hub
 * ({@code hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf}) or on disk, and a
 * {@link dev.pev4j.llm.hub.ModelResolver} turns it into a local file: from the {@link dev.pev4j.llm.hub.HubCache}
 * (the {@code huggingface_hub} cache layout, so files fetched by Python tools are reused) without any network, or by
 * downloading it there with resume and checksum verification. Progress goes to a
 * {@link dev.pev4j.llm.hub.DownloadListener}; failures are {@link dev.pev4j.llm.hub.HubException}s that say what to
 * do (set {@code HF_TOKEN}, fix a name, retry later, put the file at a given path).
 */
@NullMarked
package dev.pev4j.llm.hub;

import org.jspecify.annotations.NullMarked;
