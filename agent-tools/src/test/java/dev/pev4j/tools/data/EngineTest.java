package dev.pev4j.tools.data;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the engine parity tests share: a fresh workspace and {@link Ops} over it for each test, on
 * {@link #engine()}: Tablesaw, unless a parity suite ({@link DuckDbParityTest}, {@link SparkParityTest}) reruns the
 * test class on its engine by overriding it.
 */
abstract class EngineTest {

    @TempDir
    Path root;

    Ops data;

    @BeforeEach
    void create_toolkit() {
        data = engine().open(root);
    }

    @AfterEach
    void close_toolkit() {
        data.close();
    }

    /** The engine these tests run on. */
    Engines engine() {
        return Engines.TABLESAW;
    }
}
