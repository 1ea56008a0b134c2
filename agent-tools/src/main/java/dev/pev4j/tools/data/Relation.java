package dev.pev4j.tools.data;

import dev.pev4j.internal.Checks;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A table on a SQL engine (DuckDB or Spark) that has not been computed: a query over the files and relations it came
 * from. {@link SqlDataOps}' tools take relations and return new ones without running anything; a query runs only when
 * something asks for rows ({@link #head}, {@link #toTable}), a count ({@link #rows}) or a file is written. Immutable
 * and thread-safe (the row count is computed at most once per relation, racy but idempotent).
 *
 * <pre>{@code
 * Relation sales = duck.readCsv("sales.csv");
 * Relation top = duck.head(duck.sortValues(sales, List.of("revenue"), List.of(false)), 3);
 * Table rows = top.toTable();   // one query: read, sort, limit
 * }</pre>
 */
public final class Relation {

    private final SqlBackend session;
    private final String sql;
    private final List<Object> parameters;
    private final Table schema;
    private volatile long rows = -1;

    Relation(SqlBackend session, String sql, List<Object> parameters, Table schema) {
        this.session = session;
        this.sql = sql;
        this.parameters = List.copyOf(parameters);
        this.schema = schema.emptyCopy();
        this.schema.setName(schema.name());
    }

    /** The name tools carry along, usually the file it was read from; may be empty. */
    public String name() {
        String name = schema.name();
        return name == null ? "" : name;
    }

    /** The column names, in order; known without running the query. */
    public List<String> columns() {
        return List.copyOf(schema.columnNames());
    }

    /** The number of rows: a {@code COUNT(*)} of the query, run once. */
    public long rows() {
        long known = rows;
        if (known < 0) {
            known = session.count("SELECT count(*) FROM (" + sql + ")", parameters);
            rows = known;
        }
        return known;
    }

    /** The first {@code n} rows as a Tablesaw table: the query with {@code LIMIT n}. */
    public Table head(int n) {
        Checks.atLeast("n", n, 0);
        return session.fetch("SELECT * FROM (" + sql + ") LIMIT " + n, parameters, name());
    }

    /** All rows as a Tablesaw table, collected into the heap. */
    public Table toTable() {
        return session.fetch(sql, parameters, name());
    }

    /** The SQL query, with {@code ?} where {@link #parameters()} go. */
    public String sql() {
        return sql;
    }

    /** The values bound to the query's {@code ?}s, in order. */
    public List<Object> parameters() {
        return parameters;
    }

    /** An empty Tablesaw table with this relation's columns and types (int64, float64, bool, text, dates). */
    Table schema() {
        Table copy = schema.emptyCopy();
        copy.setName(schema.name());
        return copy;
    }

    SqlBackend session() {
        return session;
    }

    /** A relation of {@code sql} made by the same session, with the columns of {@code schema}. */
    Relation derive(String sql, List<Object> parameters, Table schema) {
        return new Relation(session, sql, parameters, schema);
    }

    @Override
    public String toString() {
        return "Relation[" + name() + ": " + String.join(", ", schema.columnNames()) + "]";
    }

    static Relation requireSameSession(Relation relation, SqlBackend session) {
        Objects.requireNonNull(relation, "table == null");
        if (relation.session != session) {
            throw new DataOpsException("the relation '" + relation.name() + "' belongs to another "
                    + session.engineName() + " session; " + "use the tools of the DataOps that made it");
        }
        return relation;
    }
}
