package dev.pev4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.llm.hub.ModelRef;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {

    private static final ModelRef.HubFile FILE = ModelRef.hub("a/b", "m.gguf");
    private static final long MIB = 1024 * 1024;

    @Test
    void draws_a_bar_only_when_the_percentage_changes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10);

        bar.started(FILE, 0, 10 * MIB);
        bar.progress(FILE, 5 * MIB, 10 * MIB);
        bar.progress(FILE, 5 * MIB + 1, 10 * MIB);
        bar.progress(FILE, 10 * MIB, 10 * MIB);
        bar.finished(FILE, Path.of("m.gguf"));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rm.gguf [..........]   0%  0.0/10.0 MiB"
                        + "\rm.gguf [#####.....]  50%  5.0/10.0 MiB"
                        + "\rm.gguf [##########] 100%  10.0/10.0 MiB"
                        + System.lineSeparator());
    }

    @Test
    void shows_bytes_alone_when_the_size_is_unknown() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10);

        bar.progress(FILE, 3 * MIB, -1);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\rm.gguf  3.0 MiB");
    }

    @Test
    void rejects_a_width_out_of_range() {
        assertThatThrownBy(() -> new ConsoleProgressBar(System.err, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("width must be between 5 and 200 but was 2");
    }
}
