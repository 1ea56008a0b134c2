package dev.pev4j.tools.mcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real MCP servers from the npm registry for the tests, run with node from an install directory: the one given by
 * {@code -Dpev4j.npm.dir} or {@code PEV4J_NPM_DIR}, else {@code ~/.cache/pev4j-npm} (where {@code .ci/run} installs
 * them). Each package has its own folder there, installed with {@code npm ci} from the lock file committed in
 * {@code src/test/npm/<name>/}: every transitive version is pinned, and one package's dependencies cannot shadow
 * another's. A missing package is installed that way once. Tests are skipped, with the reason, only when node or npm
 * is not on the PATH.
 */
public final class NpmMcpServers {

    static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem";

    private NpmMcpServers() {}

    static Path dir() {
        String configured = System.getProperty("pev4j.npm.dir", System.getenv("PEV4J_NPM_DIR"));
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "pev4j-npm");
    }

    static String node() {
        Optional<Path> node = onPath("node");
        assumeTrue(
                node.isPresent(),
                "node is not on the PATH, so the MCP servers from npm cannot run; install "
                        + "Node.js (.ci/run does) to run these tests");
        return node.get().toString();
    }

    /**
     * {@code node <dir>/<name>/node_modules/<package>/dist/index.js}, installing the package first when missing.
     */
    static List<String> command(String npmPackage, String... args) {
        return command(npmPackage, "dist/index.js", args);
    }

    /**
     * {@code node <dir>/<name>/node_modules/<script>}: a script of the package {@code lockName} (the folder of its
     * lock file, e.g. {@code inspector}), installing that package first when missing. The examples' tests run the MCP
     * Inspector's CLI this way.
     */
    public static synchronized List<String> script(String lockName, String script, String... args) {
        String node = node();
        Path file = dir().resolve(lockName).resolve("node_modules").resolve(script);
        if (!Files.isRegularFile(file)) {
            install(lockName);
        }
        List<String> command = new ArrayList<>(List.of(node, file.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> command(String npmPackage, String script, String... args) {
        String name = npmPackage.substring(npmPackage.indexOf('/') + 1);
        return script(name, npmPackage + "/" + script, args);
    }

    private static void install(String name) {
        Optional<Path> npm = onPath("npm");
        Path target = dir().resolve(name);
        assumeTrue(npm.isPresent(), "npm is not on the PATH, so the MCP servers cannot be installed into " + target);
        List<String> command =
                List.of(npm.get().toString(), "ci", "--prefix", target.toString(), "--no-audit", "--no-fund");
        try {
            Files.createDirectories(target);
            for (String file : List.of("package.json", "package-lock.json")) {
                // from the class path, so that other modules' tests (on agent-tools' test-jar) install the same way
                try (InputStream lock = NpmMcpServers.class.getResourceAsStream("/npm/" + name + "/" + file)) {
                    if (lock == null) {
                        throw new IllegalStateException(
                                "no npm lock file on the class path: /npm/" + name + "/" + file);
                    }
                    Files.copy(lock, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("could not install the MCP servers: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing the MCP servers", e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator, -1)) {
            Path candidate = Path.of(entry, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
