package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.api.Histogram;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.api.VerticalBarPlot;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Page;

/**
 * HTML charts through Tablesaw's plotting module (plotly): {@code df.plot(kind=…, x=…, y=…)}. The page embeds the
 * data and the chart script but loads plotly.js from {@code https://cdn.plot.ly/plotly-latest.min.js} when opened,
 * so viewing it needs that CDN (or a browser cache). Stateless.
 */
final class Plotting {

    static final List<String> KINDS = List.of("bar", "line", "scatter", "hist");

    private Plotting() {}

    /** The page's HTML. */
    static String html(Table table, String kind, String x, @Nullable String y, @Nullable String title) {
        String k = kind.strip().toLowerCase(Locale.ROOT);
        if (k.equals("histogram")) {
            k = "hist";
        }
        if (!KINDS.contains(k)) {
            throw Columns.unknownChoice("plot kind", kind, KINDS, List.of("bar", "line", "scatter", "hist", "histogram"));
        }
        Column<?> xColumn = Columns.named(table, x);
        List<Column<?>> used = new ArrayList<>(List.of(xColumn));
        if (k.equals("hist")) {
            requireNumeric(xColumn, k);
        } else {
            if (y == null) {
                throw new DataOpsException("a " + k + " plot needs y, the numeric column to draw; columns: "
                        + Columns.list(table));
            }
            Column<?> yColumn = Columns.named(table, y);
            requireNumeric(yColumn, k);
            if (k.equals("scatter")) {
                requireNumeric(xColumn, k);
            }
            used.add(yColumn);
        }
        // Plotly cannot draw missing cells: leave those rows out, as pandas' plot does.
        Table data = Table.create(table.name());
        used.forEach(c -> {
            if (!data.columnNames().contains(c.name())) {
                data.addColumns(c.copy());
            }
        });
        Table complete = data.dropRowsWithMissingValues();
        String heading = title == null || title.isBlank() ? defaultTitle(k, x, y) : title;
        Figure figure = switch (k) {
            case "bar" -> VerticalBarPlot.create(heading, complete, x, y);
            case "line" -> LinePlot.create(heading, complete, x, y);
            case "scatter" -> ScatterPlot.create(heading, complete, x, y);
            default -> Histogram.create(heading, complete, x);
        };
        return Page.pageBuilder(figure, "chart").build().asJavascript();
    }

    private static String defaultTitle(String kind, String x, @Nullable String y) {
        return kind.equals("hist") ? x : y + " by " + x;
    }

    private static void requireNumeric(Column<?> column, String kind) {
        Kind k = Dtypes.kind(column);
        if (k != Kind.INTEGRAL && k != Kind.FLOATING) {
            throw new DataOpsException(
                    "cannot draw a " + kind + " plot of column '" + column.name() + "': it is "
                            + Dtypes.described(column) + ", not numeric",
                    column.name(),
                    null);
        }
    }
}
