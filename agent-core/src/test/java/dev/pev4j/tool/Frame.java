package dev.pev4j.tool;

/** A stand-in for an evidence object such as a Tablesaw {@code Table}: no value semantics, identity matters. */
public final class Frame {

    private final String source;

    public Frame(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        throw new AssertionError("evidence must never be rendered whole with toString()");
    }
}
