package dev.pev4j;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A user's module seen from outside: builds a module path out of the test class path (the pev4j modules under test and
 * the dependencies they require, nothing else), compiles a tiny module against it with the JDK's compiler and runs it
 * in a JVM of its own. Tests themselves run on the class path; this is how they check the module graph.
 */
public final class ModuleFixture {

    private ModuleFixture() {}

    /** The result of compiling a module: whether javac succeeded, and what it printed. */
    public record Compilation(boolean success, String diagnostics) {}

    /** The result of running a module: its exit code, standard output and standard error. */
    public record Run(int exitCode, String out, String err) {}

    /**
     * The entries of the test class path that hold {@code roots} and every module they require, transitively (the
     * JDK's own modules and {@code requires static} excepted): a module path as a user's build would make it.
     */
    public static List<Path> modulePath(String... roots) {
        Map<String, ModuleReference> byName = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            Path path = Path.of(entry);
            if (entry.isEmpty() || !Files.exists(path)) {
                continue;
            }
            try {
                for (ModuleReference found : ModuleFinder.of(path).findAll()) {
                    byName.putIfAbsent(found.descriptor().name(), found);
                }
            } catch (FindException notAModule) {
                // a directory of classes without module-info (the test classes): not a module
            }
        }
        ModuleFinder system = ModuleFinder.ofSystem();
        List<Path> path = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(List.of(roots));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name) || system.find(name).isPresent()) {
                continue;
            }
            ModuleReference module = byName.get(name);
            if (module == null) {
                throw new IllegalStateException(
                        "module " + name + " is not on the test class path; modules there: " + byName.keySet());
            }
            path.add(Path.of(module.location().orElseThrow()));
            for (ModuleDescriptor.Requires requires : module.descriptor().requires()) {
                if (!requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
                    pending.push(requires.name());
                }
            }
        }
        return path;
    }

    /** Writes {@code sources} (path relative to {@code dir} → text) and compiles them as one module into {@code out}, with
     * {@code -parameters}. */
    public static Compilation compile(Path dir, Map<String, String> sources, List<Path> modulePath, Path out)
            throws IOException {
        // An empty class path: in process, javac would otherwise take the test class path for it.
        Path noClassPath = Files.createDirectories(dir.resolve("no-class-path"));
        List<String> arguments = new ArrayList<>(List.of(
                "-parameters",
                "-d",
                out.toString(),
                "--class-path",
                noClassPath.toString(),
                "--module-path",
                joined(modulePath)));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = dir.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            arguments.add(file.toString());
        }
        JavaCompiler javac = Optional.ofNullable(ToolProvider.getSystemJavaCompiler())
                .orElseThrow(() -> new IllegalStateException("no Java compiler: run the tests on a JDK"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        boolean success = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new)) == 0;
        return new Compilation(success, diagnostics.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code module/mainClass} with {@code modulePath} in a new JVM and waits for it (at most two minutes). */
    public static Run run(List<Path> modulePath, String module, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                joined(modulePath),
                "--module",
                module + "/" + mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // Read both streams on threads of their own, so that neither fills up and blocks the child, and so that a child
        // that never exits fails the test after the timeout instead of hanging it.
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the module's JVM did not exit within 2 minutes: " + command
                    + "\nstandard output:\n" + out.join() + "\nstandard error:\n" + err.join());
        }
        return new Run(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (stream) {
                        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                task -> {
                    Thread reader = new Thread(task, "module-fixture-reader");
                    reader.setDaemon(true);
                    reader.start();
                });
    }

    private static String joined(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
