package dev.pev4j.llm.hub;

import dev.pev4j.AgentException;

/** A model reference could not be parsed; the message shows the reference and the forms that are accepted. */
public final class InvalidModelRefException extends AgentException {

    static final String EXPECTED_FORMS = "hf:<owner>/<repo>/<file>, hf:<owner>/<repo>@<revision>/<file> or a local"
            + " file path, e.g. hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf";

    private final String reference;
    private final String problem;

    InvalidModelRefException(String reference, String problem) {
        super("bad model reference '" + reference + "': " + problem + "; expected " + EXPECTED_FORMS);
        this.reference = reference;
        this.problem = problem;
    }

    /** What is wrong with the reference, without the reference and the accepted forms. */
    public String problem() {
        return problem;
    }

    /** The reference as it was given. */
    public String reference() {
        return reference;
    }
}
