package dev.pev4j.examples.report;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.charset.StandardCharsets;

/** A stand-in for DataOps' {@code plot}: writes a small self-contained chart page and returns its path. */
public final class ChartTools {

    private final Workspace workspace;

    public ChartTools(Workspace workspace) {
        this.workspace = workspace;
    }

    @Tool(name = "plot", value = "Draw a bar chart into an HTML file of the workspace; returns the path.")
    public String plot(@P(name = "title", value = "the title") String title, @P(name = "path", value = "file") String path) {
        String html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><h3>" + title.replace("<", "&lt;")
                + "</h3><svg width=\"360\" height=\"150\">"
                + "<rect x=\"10\" y=\"20\" width=\"300\" height=\"28\" fill=\"#2563eb\"/>"
                + "<rect x=\"10\" y=\"60\" width=\"220\" height=\"28\" fill=\"#2563eb\"/>"
                + "<rect x=\"10\" y=\"100\" width=\"140\" height=\"28\" fill=\"#2563eb\"/></svg>"
                + "<script>document.body.dataset.drawn = 'yes';</script></body></html>";
        workspace.writeAtomically(path, html.getBytes(StandardCharsets.UTF_8), true);
        return path;
    }
}
