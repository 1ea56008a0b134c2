package dev.pev4j.tools.data;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * DataOps' tools as the parity tests call them, on any engine: tables in and out are Tablesaw tables, so one test
 * body checks every engine. {@link Engines} makes one per engine; on DuckDB and Spark, input tables are copied into
 * the database and results are collected back. Every tool and Java convenience of {@link DataFrameTools}, with
 * {@code F} a Tablesaw table.
 */
interface Ops extends AutoCloseable {

    Table readCsv(String a0, String a1, List<String> a2, Boolean a3);

    Table head(Table a0, Integer a1);

    Table tail(Table a0, Integer a1);

    List<Integer> shape(Table a0);

    List<String> columns(Table a0);

    Table sortValues(Table a0, List<String> a1, List<Boolean> a2);

    Table groupbyAgg(Table a0, List<String> a1, Map<String, List<String>> a2);

    Table filter(Table a0, String a1);

    Table assign(Table a0, String a1, String a2);

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

    Table pivotTable(
            Table a0, List<String> a1, String a2, List<String> a3, List<String> a4, Boolean a5, String a6, Double a7);

    Table merge(
            Table a0,
            Table a1,
            List<String> a2,
            String a3,
            List<String> a4,
            List<String> a5,
            List<String> a6,
            Boolean a7,
            String a8);

    Table concat(List<Table> a0);

    Table dropDuplicates(Table a0, List<String> a1, String a2);

    Table dropna(Table a0, String a1, List<String> a2);

    Table fillna(Table a0, Object a1, String a2, List<String> a3);

    Table astype(Table a0, Map<String, String> a1);

    Table toDatetime(Table a0, String a1, String a2, Boolean a3);

    Table dtPart(Table a0, String a1, String a2, String a3);

    Table nlargest(Table a0, int a1, List<String> a2);

    Table nsmallest(Table a0, int a1, List<String> a2);

    Table sample(Table a0, Integer a1, Double a2, Long a3);

    Table cumsum(Table a0, String a1, String a2);

    Table shift(Table a0, String a1, Integer a2, List<String> a3, String a4);

    Table diff(Table a0, String a1, Integer a2, List<String> a3, String a4);

    Table pctChange(Table a0, String a1, Integer a2, List<String> a3, String a4);

    Table rank(Table a0, String a1, String a2, Boolean a3, String a4, Boolean a5, List<String> a6, String a7);

    Table rolling(
            Table a0, String a1, String a2, String a3, Integer a4, List<String> a5, String a6, String a7, String a8);

    Table expanding(Table a0, String a1, String a2, Integer a3, List<String> a4, String a5);

    Table ewmMean(
            Table a0,
            String a1,
            Double a2,
            Double a3,
            Double a4,
            Double a5,
            Boolean a6,
            Boolean a7,
            Integer a8,
            List<String> a9,
            String a10);

    Table groupbyTransform(Table a0, List<String> a1, String a2, String a3, String a4);

    Table quantile(Table a0, List<Double> a1, List<String> a2, List<String> a3);

    Table mode(Table a0, String a1, Boolean a2);

    long idxmax(Table a0, String a1);

    long idxmin(Table a0, String a1);

    Table crosstab(Table a0, List<String> a1, String a2, String a3, Boolean a4);

    Table melt(Table a0, List<String> a1, List<String> a2, String a3, String a4);

    Table cut(Table a0, String a1, List<Double> a2, Integer a3, List<String> a4, Boolean a5, Boolean a6, String a7);

    Table qcut(Table a0, String a1, Integer a2, List<Double> a3, List<String> a4, String a5);

    Table strContains(Table a0, String a1, String a2, Boolean a3, Boolean a4, String a5);

    Table strReplace(Table a0, String a1, String a2, String a3, Boolean a4, Boolean a5, String a6);

    Table strExtract(Table a0, String a1, String a2, Integer a3, Boolean a4, String a5);

    Table strSplit(Table a0, String a1, String a2, Integer a3, String a4);

    Table strStrip(Table a0, String a1, String a2, String a3);

    Table strLower(Table a0, String a1, String a2);

    Table strUpper(Table a0, String a1, String a2);

    Table strLen(Table a0, String a1, String a2);

    Table dtStrftime(Table a0, String a1, String a2, String a3);

    Table dtFloor(Table a0, String a1, String a2, String a3);

    Table dtCeil(Table a0, String a1, String a2, String a3);

    Table dtTzLocalize(Table a0, String a1, String a2, String a3, String a4, String a5);

    Table dtTzConvert(Table a0, String a1, String a2, String a3, String a4, String a5);

    Table timedelta(Table a0, String a1, String a2, String a3, String a4);

    Table resample(Table a0, String a1, String a2, Map<String, List<String>> a3);

    String plot(Table a0, String a1, String a2, String a3, String a4, String a5, Boolean a6);

    Table groupbyAgg(Table a0, List<String> a1, DataFrameTools.Agg... a2);

    Table resample(Table a0, String a1, String a2, DataFrameTools.Agg... a3);

    Map<String, Long> nunique(Table a0);

    Table corr(Table a0);

    Table pivotTable(Table a0, List<String> a1, String a2, String a3);

    Table toDatetime(Table a0, String a1);

    Table dtPart(Table a0, String a1, String a2);

    Table cumsum(Table a0, String a1);

    Table groupbyTransform(Table a0, List<String> a1, String a2, String a3);

    Table mode(Table a0, String a1);

    Table strLower(Table a0, String a1);

    Table strUpper(Table a0, String a1);

    Table strLen(Table a0, String a1);

    Table dtStrftime(Table a0, String a1, String a2);

    Table dtFloor(Table a0, String a1, String a2);

    Table dtCeil(Table a0, String a1, String a2);

    Table timedelta(Table a0, String a1, String a2, String a3);

    Table readCsv(String a0, DataFrameTools.Kw... a1);

    Table valueCounts(Table a0, String a1, DataFrameTools.Kw... a2);

    Table merge(Table a0, Table a1, DataFrameTools.Kw... a2);

    Table dropDuplicates(Table a0, DataFrameTools.Kw... a1);

    Table dropna(Table a0, DataFrameTools.Kw... a1);

    Table fillna(Table a0, DataFrameTools.Kw... a1);

    Table sample(Table a0, DataFrameTools.Kw... a1);

    Table shift(Table a0, String a1, DataFrameTools.Kw... a2);

    Table diff(Table a0, String a1, DataFrameTools.Kw... a2);

    Table pctChange(Table a0, String a1, DataFrameTools.Kw... a2);

    Table rank(Table a0, String a1, DataFrameTools.Kw... a2);

    Table rolling(Table a0, String a1, int a2, DataFrameTools.Kw... a3);

    Table rolling(Table a0, String a1, String a2, DataFrameTools.Kw... a3);

    Table pivotTable(Table a0, List<String> a1, String a2, List<String> a3, DataFrameTools.Kw... a4);

    Table dtTzLocalize(Table a0, String a1, String a2, DataFrameTools.Kw... a3);

    Table dtTzConvert(Table a0, String a1, String a2, String a3, DataFrameTools.Kw... a4);

    Table expanding(Table a0, String a1, DataFrameTools.Kw... a2);

    Table ewmMean(Table a0, String a1, DataFrameTools.Kw... a2);

    Table quantile(Table a0, List<Double> a1, DataFrameTools.Kw... a2);

    Table crosstab(Table a0, List<String> a1, String a2, DataFrameTools.Kw... a3);

    Table melt(Table a0, List<String> a1, DataFrameTools.Kw... a2);

    Table cut(Table a0, String a1, DataFrameTools.Kw... a2);

    Table qcut(Table a0, String a1, DataFrameTools.Kw... a2);

    Table strContains(Table a0, String a1, String a2, DataFrameTools.Kw... a3);

    Table strReplace(Table a0, String a1, String a2, String a3, DataFrameTools.Kw... a4);

    Table strExtract(Table a0, String a1, String a2, DataFrameTools.Kw... a3);

    Table strSplit(Table a0, String a1, DataFrameTools.Kw... a2);

    Table strStrip(Table a0, String a1, DataFrameTools.Kw... a2);

    String plot(Table a0, String a1, String a2, String a3, DataFrameTools.Kw... a4);

    Table head(Table a0);

    Table tail(Table a0);

    Table sortValues(Table a0, List<String> a1);

    Table describe(Table a0);

    Table merge(Table a0, Table a1, List<String> a2);

    Table merge(Table a0, Table a1, List<String> a2, String a3);

    String writeCsv(Table a0, String a1);

    String writeJson(Table a0, String a1);

    Table readJson(String a0);

    Table pivotTable(Table a0, List<String> a1, String a2, String a3, String a4);

    Table merge(Table a0, Table a1, List<String> a2, String a3, List<String> a4);

    Table toDatetime(Table a0, String a1, String a2);

    @Override
    void close();
}
