package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;

/**
 * Tablesaw 0.44.4 gives a {@code DoubleColumn} created before {@code ColumnType} is initialised its own
 * {@code DoubleColumnType} instance. This test makes that happen in a fresh class loader, whatever ran before it in
 * this JVM, and checks that pev4j's type checks still see a float column.
 */
class ColumnTypeLoadOrderTest {

    /** Runs in the fresh class loader: touches DoubleColumn before ColumnType, then asks pev4j about the column. */
    public static final class BadOrder {
        public static List<String> run() {
            DoubleColumn revenue = DoubleColumn.create("revenue", 1.5, 2.5);
            boolean sameInstance = revenue.type() == ColumnType.DOUBLE;
            return List.of(
                    String.valueOf(sameInstance),
                    Dtypes.of(revenue),
                    Dtypes.kind(revenue).name(),
                    Dtypes.described(revenue));
        }

        private BadOrder() {}
    }

    @Test
    void float_columns_stay_numeric_when_tablesaw_loads_its_classes_in_the_bad_order() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        try (URLClassLoader fresh = new URLClassLoader(urls.toArray(URL[]::new), platform)) {
            Class<?> badOrder = Class.forName(BadOrder.class.getName(), true, fresh);
            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) badOrder.getMethod("run").invoke(null);

            // the bad state is really reached: Tablesaw made a second DoubleColumnType
            assertThat(seen.get(0)).isEqualTo("false");
            assertThat(seen.subList(1, 4)).containsExactly("float64", "FLOATING", "float64");
        }
    }
}
