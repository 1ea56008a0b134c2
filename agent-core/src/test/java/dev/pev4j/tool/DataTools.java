package dev.pev4j.tool;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** Three small tools in the style of a data toolkit. */
public class DataTools {

    @Tool(name = "read_csv", value = "Reads a CSV file into a table.")
    public Frame readCsv(@P("file path relative to the workspace") String path) {
        return new Frame(path);
    }

    @Tool("First rows of a table.")
    public Frame head(Frame table, @P(value = "how many rows", required = false) Integer n) {
        return table;
    }

    @Tool
    public String shape(Frame table) {
        return "shape of " + table.source();
    }
}
