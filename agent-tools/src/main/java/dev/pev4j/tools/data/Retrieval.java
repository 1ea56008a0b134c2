package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What DataOps tells a Tool RAG selector besides its tools' descriptions: words users say for each tool (synonyms,
 * pandas and SQL names), and the tools a plan using a tool needs too. Stateless.
 */
final class Retrieval {

    private Retrieval() {}

    /** Tools that take a table and so need one read first; read_csv is the usual way (read_json is ranked). */
    private static final List<String> TABLE_TOOLS = List.of(
            "head",
            "tail",
            "shape",
            "columns",
            "sort_values",
            "groupby_agg",
            "filter",
            "assign",
            "write_csv",
            "write_json",
            "info",
            "describe",
            "unique",
            "nunique",
            "value_counts",
            "isnull",
            "corr",
            "select",
            "drop",
            "rename",
            "pivot_table",
            "merge",
            "concat",
            "drop_duplicates",
            "dropna",
            "fillna",
            "astype",
            "to_datetime",
            "dt_part",
            "nlargest",
            "nsmallest",
            "sample",
            "cumsum",
            "rolling",
            "dt_tz_localize",
            "dt_tz_convert",
            "plot");

    static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("read_csv", "pd.read_csv, load open import a .csv file spreadsheet export, read the data"),
            Map.entry(
                    "head",
                    "df.head, first rows, top n rows, the top 3, the best five, preview, show a few lines, LIMIT"),
            Map.entry("tail", "df.tail, last rows, final entries, bottom of the table, most recent lines"),
            Map.entry("shape", "df.shape, how many rows and columns, size of the table, row count, len(df)"),
            Map.entry("columns", "df.columns, column names, header names, which fields are there"),
            Map.entry(
                    "sort_values",
                    "df.sort_values, sort order rank arrange ascending descending, ORDER BY, "
                            + "highest first, lowest first"),
            Map.entry(
                    "groupby_agg",
                    "df.groupby().agg, group by, per category totals, sum average mean count per "
                            + "group, aggregate, GROUP BY, subtotal, for each region"),
            Map.entry(
                    "filter",
                    "df.query, df[df.x > 1], where, only rows matching, keep rows, exclude rows, "
                            + "condition, WHERE, subset of rows, more than, less than, over, under, above, below, "
                            + "earn more than, work in a department, only those from a country"),
            Map.entry(
                    "assign",
                    "df.assign, df.eval, new column, computed column, derive, calculate a field, "
                            + "price times quantity, ratio, flag rows where, mark each row, share of the total, percentage"),
            Map.entry("read_json", "pd.read_json, load a .json file, records, JSON export"),
            Map.entry("write_csv", "df.to_csv, to_csv, save export write output a csv file, store the result as csv"),
            Map.entry("write_json", "df.to_json, to_json, save export write a json file, records output"),
            Map.entry("info", "df.info, dtypes, column types, non-null counts, schema of the data"),
            Map.entry(
                    "describe",
                    "df.describe, summary statistics, mean std min max quartiles, overview of the "
                            + "numbers, distribution"),
            Map.entry("unique", "df.x.unique(), distinct values, list of different values, DISTINCT"),
            Map.entry("nunique", "df.nunique, number of distinct values, count distinct, how many different"),
            Map.entry(
                    "value_counts",
                    "value_counts, frequency, how often each value, counts per value, share "
                            + "percentage of rows, most common"),
            Map.entry(
                    "isnull",
                    "df.isnull().sum(), isna, missing values per column, count nulls, blanks, gaps, " + "NaN"),
            Map.entry("corr", "df.corr, correlation, relationship between two numeric columns, Pearson"),
            Map.entry("select", "df[[...]], pick columns, keep only some columns, project, SELECT"),
            Map.entry("drop", "df.drop(columns=...), remove delete columns, get rid of a field"),
            Map.entry("rename", "df.rename, rename columns, change a column header, call the column"),
            Map.entry(
                    "pivot_table",
                    "pivot_table, pivot, cross tab, crosstab, matrix, wide format, one column per "
                            + "year, spread values into columns, totals row and column (margins), fill empty cells"),
            Map.entry("merge", "pd.merge, join, combine two tables, lookup, match on a key, left join, VLOOKUP"),
            Map.entry("concat", "pd.concat, append, stack, union, combine files one after another"),
            Map.entry("drop_duplicates", "drop_duplicates, dedupe, deduplicate, remove duplicates, repeated rows"),
            Map.entry("dropna", "dropna, remove rows with missing values, drop blanks, incomplete rows"),
            Map.entry(
                    "fillna",
                    "fillna, impute, fill missing values, replace missing with the mean or median, replace blanks, "
                            + "empty cells become 0, default value, forward fill"),
            Map.entry(
                    "astype", "astype, convert type, cast, convert a column to integers, to float, to text, to string"),
            Map.entry("to_datetime", "pd.to_datetime, parse dates, convert text to dates, date format"),
            Map.entry(
                    "dt_part",
                    "dt.year, dt.month, dt.weekday, extract year month day weekday quarter from a "
                            + "date, per month, by weekday"),
            Map.entry("nlargest", "nlargest, top n by a column, biggest, largest, highest values"),
            Map.entry("nsmallest", "nsmallest, bottom n by a column, smallest, lowest, cheapest"),
            Map.entry("sample", "df.sample, random rows, random sample, pick some rows at random"),
            Map.entry("cumsum", "cumsum, running total, cumulative sum, accumulated"),
            Map.entry(
                    "rolling",
                    "rolling mean, moving average, moving sum, smoothing, trailing window, last 7 days, 30-day "
                            + "window"),
            Map.entry(
                    "dt_tz_localize",
                    "dt.tz_localize, time zone of local times, daylight saving time, DST, set the timezone"),
            Map.entry(
                    "dt_tz_convert",
                    "dt.tz_convert, convert time zone, UTC to local time, timezone conversion, Europe/Berlin"),
            Map.entry(
                    "plot",
                    "df.plot, matplotlib, chart, graph, bar chart, line chart, histogram, scatter plot, "
                            + "visualize, draw"));

    static final Map<String, List<String>> DEPENDENCIES = dependencies();

    private static Map<String, List<String>> dependencies() {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        for (String tool : TABLE_TOOLS) {
            needs.put(tool, new ArrayList<>(List.of("read_csv")));
        }
        needs.get("dt_part").add("to_datetime"); // parts come from a date column; CSV dates are text
        needs.get("rolling").add("sort_values"); // a moving window runs over rows in time order
        needs.get("dt_tz_localize").add("to_datetime"); // zones apply to date columns
        needs.get("dt_tz_convert").add("to_datetime");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        needs.forEach((tool, list) -> copy.put(tool, List.copyOf(list)));
        return Map.copyOf(copy);
    }
}
