package dev.pev4j.tools.data;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * DataOps' tools as the parity tests call them, on any engine: tables in and out are Tablesaw tables, so one test
 * body checks every engine. {@link Engines} makes one per engine; on DuckDB, input tables are copied into the
 * database, results are collected back, and a tool the engine does not have aborts the test with the tabled reason.
 */
interface Ops extends AutoCloseable {

    Table readCsv(String a0);

    Table readCsv(String a0, String a1, List<String> a2, Boolean a3);

    Table head(Table a0, Integer a1);

    Table tail(Table a0, Integer a1);

    List<Integer> shape(Table a0);

    List<String> columns(Table a0);

    Table sortValues(Table a0, List<String> a1, List<Boolean> a2);

    Table groupbyAgg(Table a0, List<String> a1, Map<String, List<String>> a2);

    Table filter(Table a0, String a1);

    Table assign(Table a0, String a1, String a2);

    Table readJson(String a0);

    Table readJson(String a0, Boolean a1);

    String writeCsv(Table a0, String a1, Boolean a2);

    String writeJson(Table a0, String a1, Boolean a2);

    Table readParquet(String a0);

    String toParquet(Table a0, String a1, Boolean a2);

    Table info(Table a0);

    Table describe(Table a0, String a1);

    List<Object> unique(Table a0, String a1);

    Map<String, Long> nunique(Table a0, List<String> a1);

    Table valueCounts(Table a0, String a1, Boolean a2, Boolean a3);

    Map<String, Long> isnull(Table a0);

    Table corr(Table a0, String a1);

    Table select(Table a0, List<String> a1);

    Table drop(Table a0, List<String> a1);

    Table rename(Table a0, Map<String, String> a1);

    Table pivotTable(Table a0, List<String> a1, String a2, String a3, String a4);

    Table pivotTable(
            Table a0, List<String> a1, String a2, List<String> a3, List<String> a4, Boolean a5, String a6, Double a7);

    Table merge(Table a0, Table a1, List<String> a2, String a3, List<String> a4);

    Table concat(List<Table> a0);

    Table dropDuplicates(Table a0, List<String> a1, String a2);

    Table dropna(Table a0, String a1, List<String> a2);

    Table fillna(Table a0, Object a1, String a2, List<String> a3);

    Table astype(Table a0, Map<String, String> a1);

    Table toDatetime(Table a0, String a1, String a2);

    Table toDatetime(Table a0, String a1, String a2, Boolean a3);

    Table dtTzLocalize(Table a0, String a1, String a2, String a3, String a4, String a5);

    Table dtTzConvert(Table a0, String a1, String a2, String a3, String a4, String a5);

    Table dtPart(Table a0, String a1, String a2, String a3);

    Table nlargest(Table a0, int a1, List<String> a2);

    Table nsmallest(Table a0, int a1, List<String> a2);

    Table sample(Table a0, Integer a1, Double a2, Long a3);

    Table cumsum(Table a0, String a1, String a2);

    Table rolling(Table a0, String a1, int a2, String a3, Integer a4, String a5);

    Table rolling(
            Table a0, String a1, String a2, String a3, Integer a4, List<String> a5, String a6, String a7, String a8);

    String plot(Table a0, String a1, String a2, String a3, String a4, String a5, Boolean a6);

    @Override
    void close();
}
