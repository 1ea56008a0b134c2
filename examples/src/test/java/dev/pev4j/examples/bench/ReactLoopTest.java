package dev.pev4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.tool.ToolRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReactLoopTest {

    public static class Tools {
        @Tool("Loads a file.")
        public String load(@P("the file, relative to the workspace") String path) {
            return path;
        }

        @Tool("Counts the letters.")
        public int count(@P("the text") String text) {
            return text.length();
        }
    }

    @Test
    void system_prompt_lists_only_the_tools_the_selector_chose_with_their_notes() {
        ToolRegistry tools = ToolRegistry.of(new Tools());
        ToolSelector onlyLoad =
                (task, registry) -> List.of(registry.find("load").orElseThrow());
        ReactLoop loop = new ReactLoop(
                ScriptedLlm.replying(),
                tools,
                PlanExecutor.builder().tools(tools).build(),
                "",
                3,
                onlyLoad);

        String prompt = loop.systemPrompt("How long is the file name?");

        assertThat(prompt)
                .contains("## Tools\nload(path: String) -> String: Loads a file.\n"
                        + "    path: the file, relative to the workspace\n\n## How to answer")
                .doesNotContain("count(");
    }
}
