package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A SQL engine's tool that runs in memory refuses, before collecting, a table the heap cannot hold. */
class HeapCheckTest {

    private static final long MB = 1L << 20;

    @Test
    void refuses_a_table_larger_than_the_free_heap_naming_its_size_the_tool_and_what_to_do() {
        assertThatThrownBy(
                        () -> HeapCheck.requireFits(10_000_000, 8, 300 * MB, 512 * MB, "sales.csv", "cumsum", "DuckDB"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("the table 'sales.csv' has 10000000 rows and 8 columns, about 1.2 GB in memory, more than"
                        + " the 300.0 MB this JVM's heap has free (-Xmx 512.0 MB); cumsum runs in memory on the DuckDB"
                        + " engine (it collects its table into the JVM): filter, select or aggregate the table first,"
                        + " or give the JVM more heap");
    }

    @Test
    void lets_a_table_through_that_fits_and_never_overflows_on_a_huge_count() {
        assertThatCode(() -> HeapCheck.requireFits(1000, 8, 300 * MB, 512 * MB, "", "describe", "Spark"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> HeapCheck.requireFits(Long.MAX_VALUE / 2, 8, 300 * MB, 512 * MB, "", "rank", "Spark"))
                .hasMessageStartingWith("the table has " + Long.MAX_VALUE / 2 + " rows and 8 columns, about ");
    }
}
