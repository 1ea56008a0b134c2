package dev.pev4j.plan;

/** Which ways of writing a reference to a step's evidence a plan format knows. */
enum RefSyntax {
    /** ReWOO: only {@code #E1}, so that "costs $5" in a ReWOO input stays text. */
    HASH_ONLY,
    /** LLMCompiler and JSON: {@code #E1}, {@code $1} and {@code ${1}}. */
    ANY
}
