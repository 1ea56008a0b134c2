package dev.pev4j.tools.data;

import dev.pev4j.tools.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** What data the workspace holds, for the planner's prompt: files with their columns and dtypes. Stateless. */
final class DataContext {

    static final int MAX_FILES = 20;
    static final int SAMPLE_ROWS = 100;

    private DataContext() {}

    static String describe(Workspace workspace) {
        List<String> files = new ArrayList<>();
        for (String file : workspace.list()) {
            String lower = file.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")
                    || lower.endsWith(".tsv")
                    || lower.endsWith(".json")
                    || lower.endsWith(".jsonl")
                    || lower.endsWith(".parquet")) {
                files.add(file);
            }
        }
        if (files.isEmpty()) {
            return "The workspace has no data files (.csv, .tsv, .json, .jsonl, .parquet).";
        }
        StringBuilder text = new StringBuilder("Data files in the workspace (columns with pandas dtypes, guessed from "
                + "the first " + SAMPLE_ROWS + " rows):");
        for (String file : files.subList(0, Math.min(MAX_FILES, files.size()))) {
            text.append("\n- ").append(file).append(": ");
            try {
                Table sample = sample(workspace, file);
                List<String> columns = new ArrayList<>();
                for (Column<?> column : sample.columns()) {
                    columns.add(column.name() + " (" + Dtypes.of(column) + ")");
                }
                text.append(columns.isEmpty() ? "no columns" : String.join(", ", columns));
            } catch (RuntimeException | IOException e) {
                text.append("unreadable: ").append(e.getMessage());
            }
        }
        if (files.size() > MAX_FILES) {
            text.append("\n… and ").append(files.size() - MAX_FILES).append(" more data files");
        }
        return text.toString();
    }

    private static Table sample(Workspace workspace, String file) throws IOException {
        Path path = workspace.resolve(file);
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet")) {
            return ParquetFiles.columns(path, file); // the footer's schema: exact, no rows read
        } else if (lower.endsWith(".json") || lower.endsWith(".jsonl")) {
            return JsonIo.read(path, file, lower.endsWith(".jsonl"), SAMPLE_ROWS);
        }
        StringBuilder head = new StringBuilder();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int lines = 0;
            while (lines <= SAMPLE_ROWS && (line = reader.readLine()) != null) {
                head.append(line).append('\n');
                lines++;
            }
        }
        char separator = lower.endsWith(".tsv") ? '\t' : ',';
        return CsvReading.read(
                new StringReader(head.toString()), file, separator, Set.copyOf(CsvReading.DEFAULT_NA_VALUES), true);
    }
}
