package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DataOpsTest.sales;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** DataOps from Java without nulls: the overloads equal the tools with their defaults, and are not tools. */
class DataOpsJavaOverloadsTest {

    @TempDir
    Path root;

    @Test
    void the_overloads_give_what_the_tools_give_with_their_defaults() {
        DataOps data = DataOps.in(Workspace.of(root));
        Table sales = sales();

        assertThat(data.head(sales).print()).isEqualTo(data.head(sales, null).print());
        assertThat(data.head(sales).rowCount()).isEqualTo(5);
        assertThat(data.tail(sales).print()).isEqualTo(data.tail(sales, null).print());
        assertThat(data.sortValues(sales, List.of("units")).print())
                .isEqualTo(data.sortValues(sales, List.of("units"), null).print());
        assertThat(data.describe(sales).print())
                .isEqualTo(data.describe(sales, null).print());
        assertThat(data.valueCounts(sales, "region").print())
                .isEqualTo(data.valueCounts(sales, "region", null, null).print());
        assertThat(data.merge(sales, sales, List.of("region")).print())
                .isEqualTo(
                        data.merge(sales, sales, List.of("region"), null, null).print());
        assertThat(data.merge(sales, sales, List.of("region"), "left").print())
                .isEqualTo(data.merge(sales, sales, List.of("region"), "left", null)
                        .print());
        assertThat(data.dropna(sales).print())
                .isEqualTo(data.dropna(sales, null, null).print());
    }

    @Test
    void the_writing_overloads_write_new_files() {
        DataOps data = DataOps.in(Workspace.of(root));

        assertThat(data.writeCsv(sales(), "s.csv")).isEqualTo("s.csv");
        assertThat(data.writeJson(sales(), "s.json")).isEqualTo("s.json");
        assertThat(root.resolve("s.csv"))
                .satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
    }

    @Test
    void the_overloads_are_not_tools_and_only_writers_have_side_effects() {
        ToolRegistry registry = ToolRegistry.of(DataOps.in(Workspace.of(root)));

        assertThat(registry.names()).doesNotHaveDuplicates().contains("head", "write_csv");
        assertThat(registry.tools())
                .filteredOn(t -> t.effects() == ToolDescriptor.Effects.WRITES)
                .extracting(ToolDescriptor::name)
                .containsExactlyInAnyOrder("write_csv", "write_json", "to_parquet", "plot");
        assertThat(registry.tools())
                .filteredOn(t -> t.effects() == ToolDescriptor.Effects.UNDECLARED)
                .isEmpty();
    }
}
