package dev.pev4j.tools.data;

import dev.pev4j.tools.expr.SqlExpression;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * What {@link SqlDataOps}' tools need of a SQL engine: running queries they build, and the few things the engines spell
 * differently (reading and writing files, numbering rows, keeping a result). {@link DuckDbSession} is DuckDB over JDBC,
 * {@link SparkBackend} Spark SQL. The SQL the tools build is common to both: double-quoted identifiers, {@code ?}
 * parameters, {@code STRING}/{@code BIGINT}/{@code DOUBLE}/{@code BOOLEAN}/{@code DATE}/{@code TIMESTAMP} types.
 * Implementations are thread-safe and confine file access to the workspace given when they were opened.
 */
interface SqlBackend extends AutoCloseable {

    /** The engine's name in previews and messages: {@code DuckDB} or {@code Spark}. */
    String engineName();

    /** How {@link SqlExpression} spells functions for this engine. */
    SqlExpression.Dialect dialect();

    /** A fresh name for a table, view or file of this backend, e.g. {@code pev4j_7}. */
    String freshName();

    /** How many queries this backend has run: lets tests see that building a plan runs nothing. */
    long queriesRun();

    /** The query's columns and types, as an empty table named {@code name}. */
    Table schema(String sql, List<Object> parameters, String name);

    /** The query's single whole number (the first column of its first row). */
    long count(String sql, List<Object> parameters);

    /** The query's rows as a Tablesaw table named {@code name}. */
    Table fetch(String sql, List<Object> parameters, String name);

    /** Copies {@code table} into the engine and returns a query that reads it. */
    String register(Table table);

    /** Computes the query once into {@code name} (replacing what had that name) and returns a query that reads it. */
    String persist(String name, String sql, List<Object> parameters);

    /**
     * {@code (sql)} with its rows numbered in their order in {@link DuckDbSql#ROW}: any increasing whole numbers will
     * do, they only order rows.
     */
    String numbered(String sql);

    /**
     * {@code sql}'s rows ({@code columns} is the select list) in the order of {@code keys}, SQL order terms most
     * significant first such as {@code "revenue" DESC NULLS LAST}, rows whose keys tie keeping their order in {@code
     * sql}: pandas' stable sort. This spelling sorts by the keys and then the row number of {@link #numbered}.
     */
    default String sortedStably(String sql, String columns, List<String> keys) {
        return "SELECT " + columns + " FROM (" + numbered(sql) + ") ORDER BY " + String.join(", ", keys) + ", "
                + DuckDbSql.ROW;
    }

    /**
     * A CSV file read lazily with pandas' missing-value markers and dtypes (int64 for whole numbers, float64, bool,
     * text; a column without any value float64).
     */
    Relation readCsv(Path file, String name, char delimiter, Set<String> missing, boolean header);

    /** A Parquet file read lazily, integers as int64 and floating-point numbers as float64. */
    Relation readParquet(Path file, String name);

    /** Writes the query's rows as one CSV (header, comma, missing empty) or Parquet file at {@code staged}. */
    void write(String sql, List<Object> parameters, Path staged, Format format);

    /** The file formats of {@link #write}. */
    enum Format {
        CSV,
        PARQUET
    }

    /** A private directory this backend may write to, where files are staged before they move into the workspace. */
    Path spillDirectory();

    @Override
    void close();
}
