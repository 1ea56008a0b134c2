package dev.pev4j.examples.data;

import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.AgentException;
import dev.pev4j.agent.Toolkit;
import dev.pev4j.exec.ValuePreviewer;
import dev.pev4j.tester.EvidenceInspector;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.data.TableInspector;
import dev.pev4j.tools.data.TablePreviewer;
import dev.pev4j.tools.workspace.Workspace;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What DataOps needs to be a whole {@link Toolkit} for the agent: the planner's data context (each CSV file of the
 * workspace with its columns and pandas dtypes), the table previewer and the table inspector the tester's checks read
 * tables with, and one tool of its own, {@code list_files}. Register it next to the {@link DataOps} it describes:
 * {@code Agent.builder().tools(dataOps, new DataToolkit(dataOps))}. Thread-safe.
 */
public final class DataToolkit implements Toolkit {

    private static final int MAX_FILES = 20;

    private final DataOps dataOps;

    public DataToolkit(DataOps dataOps) {
        this.dataOps = Objects.requireNonNull(dataOps, "dataOps == null");
    }

    @Tool(name = "list_files", value = "The files of the workspace, as relative paths.")
    public List<String> listFiles() {
        return dataOps.workspace().list();
    }

    @Override
    public String context() {
        Workspace workspace = dataOps.workspace();
        StringBuilder text = new StringBuilder("Data files in the workspace (columns with pandas dtypes):");
        int shown = 0;
        for (String file : workspace.list()) {
            if (!file.toLowerCase(Locale.ROOT).endsWith(".csv") || shown++ == MAX_FILES) {
                continue;
            }
            String columns;
            try {
                // The previewer's second line lists the columns with their dtypes.
                String preview = new TablePreviewer(0).preview(dataOps.readCsv(file), 4000).orElse("");
                String[] lines = preview.split("\n");
                columns = lines.length > 1 ? lines[1].replaceFirst("^columns: ", "") : "(no columns)";
            } catch (AgentException e) {
                columns = "(unreadable: " + e.getMessage() + ")";
            }
            text.append("\n- ").append(file).append(": ").append(columns);
        }
        return shown == 0 ? text.append("\n(none)").toString() : text.toString();
    }

    @Override
    public List<ValuePreviewer> previewers() {
        return List.of(new TablePreviewer());
    }

    @Override
    public List<EvidenceInspector> inspectors() {
        return List.of(new TableInspector());
    }
}
