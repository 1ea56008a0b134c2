package dev.pev4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.AgentException;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * agent-tools has no module-info.java (see the README's module section): it is the automatic module dev.pev4j.tools,
 * compiled on the class path, so javac does not check that dev.pev4j.core exports the internal packages it uses to
 * it. On a module path, a package that is not would fail at run time (IllegalAccessError); this test fails first.
 */
class CoreExportsTest {

    private static final Pattern INTERNAL_IMPORT =
            Pattern.compile("^import (?:static )?(dev\\.pev4j\\.internal(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);

    @Test
    void every_internal_package_of_core_used_here_is_exported_to_dev_pev4j_tools() throws Exception {
        // given: dev.pev4j.core's module descriptor, from wherever the class path holds agent-core
        Path core = Path.of(AgentException.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        ModuleDescriptor descriptor =
                ModuleFinder.of(core).find("dev.pev4j.core").orElseThrow().descriptor();
        Set<String> exportedHere = descriptor.exports().stream()
                .filter(e -> e.targets().contains("dev.pev4j.tools"))
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));

        // when
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = INTERNAL_IMPORT.matcher(read(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }

        // then
        assertThat(used).as("internal packages agent-tools imports").isNotEmpty();
        assertThat(exportedHere)
                .as("packages dev.pev4j.core exports to dev.pev4j.tools (module-info.java)")
                .containsAll(used);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
