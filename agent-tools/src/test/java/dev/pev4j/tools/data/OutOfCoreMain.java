package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Runs one plan (read_csv → filter → groupby_agg → sort_values) on {@code big.csv} in a child JVM with a small heap,
 * for {@link DuckDbOutOfCoreTest} and {@link SparkOutOfCoreTest}: prints the result's rows, or the tool's error as {@code error: <message>}.
 */
final class OutOfCoreMain {

    private OutOfCoreMain() {}

    /**
     * Checks what the child printed for a file of {@code rows} rows and {@code size} bytes: seven region rows holding
     * the filter's half of the rows, then the child's heap, less than a third of the file.
     */
    static void assertAnswered(List<String> lines, long rows, long size) {
        // amount >= 500 keeps i % 1000 in 500..999: half the rows, each region a seventh of them
        assertThat(lines).hasSize(8);
        long count = 0;
        for (String line : lines.subList(0, 7)) {
            count += Long.parseLong(line.split(",", -1)[1]);
        }
        assertThat(count).isEqualTo(rows / 2);
        assertThat(lines.get(0)).startsWith("R0,");
        assertThat(lines.get(7)).startsWith("max heap ");
        assertThat(Long.parseLong(lines.get(7).substring("max heap ".length()))).isLessThan(size / 3);
    }

    public static void main(String[] args) {
        Workspace workspace = Workspace.of(Path.of(args[0]));
        Engine engine = switch (args[1]) {
            case "duckdb" -> new Engine.DuckDb("256MB", 2);
            case "spark" -> new Engine.Spark("local[2]");
            default -> Engine.tablesaw();
        };
        try {
            Table result;
            if (!(engine instanceof Engine.Tablesaw)) {
                try (SqlDataOps duck = SqlDataOps.open(workspace, engine)) {
                    Relation big = duck.readCsv("big.csv");
                    result = duck.sortValues(
                                    duck.groupbyAgg(
                                            duck.filter(big, "amount >= 500"),
                                            List.of("region"),
                                            Map.of("amount", List.of("count", "sum"))),
                                    List.of("region"),
                                    null)
                            .toTable();
                }
            } else {
                DataOps data = DataOps.in(workspace);
                Table big = data.readCsv("big.csv");
                result = data.sortValues(
                        data.groupbyAgg(
                                data.filter(big, "amount >= 500"),
                                List.of("region"),
                                Map.of("amount", List.of("count", "sum"))),
                        List.of("region"),
                        null);
            }
            for (int row = 0; row < result.rowCount(); row++) {
                System.out.println(result.row(row).getString(0) + ","
                        + result.row(row).getLong(1) + "," + result.row(row).getLong(2));
            }
        } catch (DataOpsException e) {
            System.out.println("error: " + e.getMessage());
        }
        System.out.println("max heap " + Runtime.getRuntime().maxMemory());
    }
}
