/**
 * pev4j's core: the agent, the model interface, tools, plans, the extension points and the report. Only these API
 * packages are exported; {@code dev.pev4j.internal} and its subpackages are not API and are exported only to pev4j's
 * own modules that need them.
 *
 * <p>What a module using pev4j must declare: {@code requires dev.pev4j.core;} and, for each package holding
 * {@code @Tool} classes, either {@code exports} it or {@code opens} it to {@code dev.pev4j.core} (the tool registry
 * calls the tool methods through method handles). Packages holding the records, enums and other types that plan
 * arguments or typed answers are bound to must be opened to {@code com.fasterxml.jackson.databind}, which creates them
 * reflectively.
 */
// Warnings silenced here, and only here, with -Xlint:all -Werror: "requires-automatic" and
// "requires-transitive-automatic", because langchain4j-core declares no module name, so it can only be required as the
// automatic module named after its jar; "module", because the qualified exports name pev4j's own modules, which are
// compiled after this one and so are "not found" here.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module dev.pev4j.core {
    // In the API: the @Tool/@P annotations and ToolSpecification (langchain4j-core, an automatic module named after
    // its jar, langchain4j-core-<version>.jar, since the jar declares no module name), JsonNode and ObjectNode
    // (Jackson), @Nullable (jspecify).
    requires transitive langchain4j.core;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.jspecify;
    requires org.slf4j;

    exports dev.pev4j;
    exports dev.pev4j.agent;
    exports dev.pev4j.exec;
    exports dev.pev4j.judge;
    exports dev.pev4j.llm;
    exports dev.pev4j.plan;
    exports dev.pev4j.report;
    exports dev.pev4j.spi;
    exports dev.pev4j.tester;
    exports dev.pev4j.tool;

    // Shared implementation, not API: only pev4j's own modules read it.
    exports dev.pev4j.internal to
            dev.pev4j.llm,
            dev.pev4j.tools;
    exports dev.pev4j.internal.io to
            dev.pev4j.tools;
    exports dev.pev4j.internal.llm to
            dev.pev4j.llm;
    exports dev.pev4j.internal.retry to
            dev.pev4j.llm,
            dev.pev4j.tools;

    // Without a selector given, the agent looks one up (agent-tools' Tool RAG provides one).
    uses dev.pev4j.spi.ToolSelector;
}
