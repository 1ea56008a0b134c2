package dev.pev4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.plan.StepId;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Writes step results whole for {@code plan run --output DIR}: a table as {@code E<n>.csv} in pandas' {@code to_csv}
 * format (DataOps' {@code write_csv}), any other value as {@code E<n>.json}; every file written atomically, replacing
 * one of the same name from an earlier run. Stateless.
 */
final class Results {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {}

    /**
     * Writes the results of the {@code wanted} steps (every step that ran when {@code wanted} is empty) into
     * {@code dir}; steps that did not run are left out.
     *
     * @return the files written, in plan order
     */
    static List<Path> write(ExecutionResult result, Set<StepId> wanted, Path dir) throws IOException {
        Workspace workspace = Workspace.of(dir);
        DataOps files = DataOps.in(workspace);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<StepId, StepOutcome> entry : result.outcomes().entrySet()) {
            StepId id = entry.getKey();
            if (!(entry.getValue() instanceof StepOutcome.Done done) || (!wanted.isEmpty() && !wanted.contains(id))) {
                continue;
            }
            if (done.value() instanceof Table table) {
                files.writeCsv(table, id + ".csv", true);
                written.add(dir.resolve(id + ".csv"));
            } else {
                String text =
                        JSON.writeValueAsString(ValueJson.of(done.value(), true).json()) + "\n";
                workspace.writeAtomically(id + ".json", text.getBytes(StandardCharsets.UTF_8), true);
                written.add(dir.resolve(id + ".json"));
            }
        }
        return written;
    }
}
