/**
 * Tool RAG: a {@link dev.pev4j.spi.ToolSelector} that shows the planner only the tools (and the worked examples) a task
 * needs, ranked by an in-process sentence-embedding model (quantized all-MiniLM-L6-v2 on ONNX Runtime by default, or
 * any LangChain4j {@code EmbeddingModel}), after TinyAgent's Tool RAG and in-context example retrieval.
 */
@NullMarked
package dev.pev4j.tools.rag;

import org.jspecify.annotations.NullMarked;
