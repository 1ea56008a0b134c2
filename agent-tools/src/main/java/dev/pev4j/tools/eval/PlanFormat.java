package dev.pev4j.tools.eval;

/** Which plan form the planner asks the model for. */
public enum PlanFormat {
    /** JSON under the plan schema when the backend can constrain replies to a schema, else text (the default). */
    AUTO,
    /** JSON under the plan schema; the backend must support JSON schemas. */
    JSON,
    /** The ReWOO text form, even when the backend could constrain replies to a schema. */
    TEXT
}
