package dev.pev4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.report.RunReport;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a model or a plan produces is bounded where it enters: a model that ignores {@code maxTokens} cannot blow up
 * the prompts, the trace or the report; and the report is written with ordinary file permissions.
 */
class UntrustedSizesTest {

    private static final int THIRTY_MB = 30 * 1024 * 1024;

    /**
     * 30 MB with no plan in it, the same reply every time: one "word", so that ScriptedLlm, which counts words as
     * tokens, passes it on whole as a model that ignores maxTokens would.
     */
    private static final String RUNAWAY = "x".repeat(THIRTY_MB);

    @TempDir
    Path dir;

    @Test
    void a_reply_beyond_max_tokens_is_cut_where_it_enters() {
        ScriptedLlm llm = ScriptedLlm.answering(request -> RUNAWAY);

        LlmResponse reply =
                llm.chat(LlmRequest.builder().user("plan").maxTokens(100).build());

        assertThat(reply.text()).hasSize(100 * 32).isEqualTo(RUNAWAY.substring(0, 3200));
        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.LENGTH);
    }

    @Test
    void a_model_that_ignores_max_tokens_cannot_grow_the_prompts_or_the_trace() {
        ScriptedLlm llm = ScriptedLlm.answering(request -> RUNAWAY);

        AgentResult result = Agent.builder()
                .llm(llm)
                .judge(Judges.passing())
                .tools(new AgentTools())
                .maxReplans(2)
                .build()
                .run("What is the total of series a?");

        assertThat(result.solved()).isFalse();
        assertThat(llm.requests()).isNotEmpty();
        for (LlmRequest request : llm.requests()) {
            int chars =
                    request.messages().stream().mapToInt(m -> m.text().length()).sum();
            assertThat(chars).as("prompt characters").isLessThan(400_000);
        }
        assertThat(result.toJson().length()).as("trace characters").isLessThan(2_000_000);
        assertThat(RunReport.of(result).html().length()).as("report characters").isLessThan(2_000_000);
    }

    @Test
    void the_report_gets_the_umask_permissions_and_keeps_those_of_a_file_it_replaces() throws IOException {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        AgentResult result = Agent.builder()
                .llm(ScriptedLlm.replying(AgentTest.PLAN_A, "The total is 6."))
                .judge(Judges.passing())
                .tools(new AgentTools())
                .build()
                .run(AgentTest.TASK);
        Path reference = Files.createFile(dir.resolve("reference"));
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(reference);

        Path fresh = RunReport.of(result).writeTo(dir.resolve("run.html"));
        Path replaced = Files.writeString(dir.resolve("old.html"), "old");
        Files.setPosixFilePermissions(replaced, PosixFilePermissions.fromString("rw-r--r--"));
        RunReport.of(result).writeTo(replaced);

        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(umaskMode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)))
                .isEqualTo("rw-r--r--");
        assertThat(Files.readString(replaced)).startsWith("<!DOCTYPE html>");
    }
}
