package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * HTML charts through Tablesaw's plotting module (plotly): {@code df.plot(kind=…, x=…, y=…)}. Tablesaw's page loads
 * plotly.js from a CDN; this one carries plotly.js inline (the cartesian bundle, about 1 MB, from the plotly.js webjar),
 * so a chart opens offline, in a report, anywhere. Stateless.
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
            throw Columns.unknownChoice(
                    "plot kind", kind, KINDS, List.of("bar", "line", "scatter", "hist", "histogram"));
        }
        Column<?> xColumn = Columns.named(table, x);
        List<Column<?>> used = new ArrayList<>(List.of(xColumn));
        if (k.equals("hist")) {
            requireNumeric(xColumn, k);
        } else {
            if (y == null) {
                throw new DataOpsException(
                        "a " + k + " plot needs y, the numeric column to draw; columns: " + Columns.list(table));
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
        return selfContained(Page.pageBuilder(figure, "chart").build().asJavascript());
    }

    private static final String PLOTLY_RESOURCE =
            "/META-INF/resources/webjars/plotly.js/" + PlotlyJs.VERSION + "/dist/plotly-cartesian.min.js";

    /** Replaces the page's CDN script tag by plotly.js itself. */
    static String selfContained(String page) {
        Matcher cdn = CDN_SCRIPT.matcher(page);
        if (!cdn.find()) {
            throw new IllegalStateException("Tablesaw's page no longer loads plotly.js from a script tag: " + page);
        }
        return page.substring(0, cdn.start()) + "<script>" + PlotlyJs.SOURCE + "</script>" + page.substring(cdn.end());
    }

    private static final Pattern CDN_SCRIPT =
            Pattern.compile("<script[^>]*src=\"https?://cdn\\.plot\\.ly/[^\"]*\"[^>]*>\\s*</script>");

    /** plotly.js, read once from the webjar on first use. */
    private static final class PlotlyJs {
        static final String VERSION = "1.54.1";
        static final String SOURCE = read();

        private static String read() {
            try (InputStream in = Plotting.class.getResourceAsStream(PLOTLY_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("plotly.js is missing from the class path: " + PLOTLY_RESOURCE
                            + " (add org.webjars.bower:plotly.js:" + VERSION + ")");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + PLOTLY_RESOURCE, e);
            }
        }
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
