package dev.pev4j.tools.data;

/**
 * The descriptions of parameters that many tools of {@link DataFrameTools} share, written once so that the planner
 * reads the same words for the same parameter everywhere (and the "#E1" evidence convention is spelt in one place).
 */
final class ParamDescriptions {

    /** A tool's input table. */
    static final String TABLE = "the table, e.g. #E1";

    /** The optional {@code name} of a tool that writes its result over its input column unless given one. */
    static final String NAME_IN_PLACE = "the new column's name; default the column itself";

    /** The optional {@code overwrite} of a tool that writes a file. */
    static final String OVERWRITE = "whether an existing file may be replaced; default false";

    /** The optional {@code by} of a window or row-relative tool. */
    static final String GROUP_COLUMNS = "group columns, e.g. [\"store\"]";

    private ParamDescriptions() {}
}
