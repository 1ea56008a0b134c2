package dev.pev4j.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.report.RunReport;
import dev.pev4j.report.RunReport.StepTimeline;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report in a real headless browser (Debian's chromium): it renders, its script ran without errors, the plan
 * graph has a node per step, untrusted text shows as text, DataOps' chart page draws with the plotly.js it carries
 * (no network), and a screenshot is taken.
 */
class RunReportBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static final String TASK = "Which 3 regions had the highest revenue? <script>document.title='pwned'</script>";

    static final String PLAN_WITH_TYPO = """
            Plan: Load the sales data.
            #E1 = read_csv("sales.csv")
            Plan: Total revenue per region.
            #E2 = groupby_agg(#E1, ["region"], {"revenu": ["sum"]})
            #E3 = sort_values(#E2, ["revenue_sum"], [false])
            Criteria:
            - rows(#E3) <= 3
            """;

    static final String PLAN = """
            Plan: Load the sales data.
            #E1 = read_csv("sales.csv")
            Plan: Total revenue per region.
            #E2 = groupby_agg(#E1, ["region"], {"revenue": ["sum"]})
            Plan: Units per product, independently.
            #E3 = groupby_agg(#E1, ["product"], {"units": ["sum"]})
            Plan: Rank regions.
            #E4 = sort_values(#E2, ["revenue_sum"], [false])
            Plan: The top three.
            #E5 = head(#E4, 3)
            Plan: Chart them.
            #E6 = plot(#E5, "bar", "region", "revenue_sum", "top-regions.html", title="Top regions <b>by revenue</b>")
            Plan: How big is the data?
            #E7 = shape(#E1)
            Criteria:
            - rows(#E5) <= 3
            - sorted(#E5, "revenue_sum", "desc")
            - the answer names <img src=x onerror=alert(1)> regions
            """;

    @TempDir
    static Path dir;

    static Path report;
    static Path workspace;

    @BeforeAll
    static void render_a_report_of_a_scripted_run() throws IOException {
        workspace = Files.createDirectories(dir.resolve("workspace"));
        Files.copy(Path.of("data", "sales.csv"), workspace.resolve("sales.csv"));
        DataOps dataOps = DataOps.in(Workspace.of(workspace));
        StepTimeline timeline = new StepTimeline();
        // The third criterion is prose: the model judges it (a verdict as JSON), then answers.
        ScriptedLlm llm = ScriptedLlm.replying(
                PLAN_WITH_TYPO,
                PLAN,
                "{\"decision\": \"ABSTAIN\", \"confidence\": 0.55, \"reason\": \"cannot tell <i>yet</i>\"}",
                "North, East and South: <script>alert('answer')</script>");
        Agent agent = Agent.builder().llm(llm).tools(dataOps).listener(timeline).build();
        AgentResult result = agent.run(TASK);
        assertThat(result.solved()).as(result.stopReason().toString()).isTrue();
        report = RunReport.builder(result)
                .workspace(workspace)
                .timeline(timeline)
                .build()
                .writeTo(dir.resolve("report.html"));
    }

    @Test
    void the_page_renders_in_chromium_without_script_errors_and_shows_untrusted_text_as_text() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "chromium is not installed at " + CHROMIUM
                        + " (apt-get install -y chromium); skipping the browser test");

        String dom = chromium("--dump-dom", report.toUri().toString());

        page(dom).contains("data-render=\"ok\"");
        page(dom).doesNotContain("data-render=\"error\"").doesNotContain("<title>pwned</title>");
        page(dom).contains("<title>pev4j run: Which 3 regions had the highest revenue? &lt;script&gt;");
        page(dom)
                .contains("Which 3 regions had the highest revenue? &lt;script&gt;document.title='pwned'"
                        + "&lt;/script&gt;");
        page(dom).contains("North, East and South: &lt;script&gt;alert('answer')&lt;/script&gt;");
        for (int step = 1; step <= 7; step++) {
            page(dom).contains("data-step=\"E" + step + "\"><title>");
        }
        page(dom).contains("<iframe sandbox=\"allow-scripts\" title=\"chart top-regions.html\"");
        page(dom).contains("Plotly.newPlot").doesNotContain("src=&quot;https://cdn.plot.ly");
        page(dom).contains("<table class=\"preview\">");
        page(dom).contains("Replanned because attempt 1 failed");
        page(dom).contains("1 abstention: needs human review");
    }

    @Test
    void the_chart_page_draws_its_plot_with_the_inline_plotly_and_no_network() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "chromium is not installed at " + CHROMIUM
                        + " (apt-get install -y chromium); skipping the browser test");
        Path chart = workspace.resolve("top-regions.html");

        // No host resolves, so a CDN could not serve plotly.js; the same page is the report's iframe srcdoc.
        String dom = chromium(
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--dump-dom",
                chart.toUri().toString());

        page(Files.readString(chart, StandardCharsets.UTF_8)).doesNotContain("src=\"https://cdn.plot.ly");
        page(dom).contains("class=\"main-svg\"").contains("Top regions").contains("by revenue");
        page(dom).contains("class=\"trace bars\"").contains("class=\"point\"");
    }

    @Test
    void a_screenshot_of_the_page_is_taken() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "chromium is not installed at " + CHROMIUM
                        + " (apt-get install -y chromium); skipping the browser test");
        Path png = dir.resolve("report.png");

        chromium(
                "--screenshot=" + png, "--window-size=1280,5600", report.toUri().toString());

        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        assertThat(bytes.length).isGreaterThan(20_000);
        Path kept = Path.of("target", "report-screenshot.png");
        Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                report, Path.of("target", "report-screenshot.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Pages carry plotly.js inline: a failing assertion names their length instead of printing megabytes. */
    private static final org.assertj.core.presentation.Representation SHORT =
            new org.assertj.core.presentation.StandardRepresentation() {
                @Override
                public String toStringOf(Object object) {
                    return object instanceof String text && text.length() > 2000
                            ? "<a page of " + text.length() + " characters>"
                            : super.toStringOf(object);
                }
            };

    private static org.assertj.core.api.AbstractStringAssert<?> page(String html) {
        return assertThat(html).withRepresentation(SHORT);
    }

    /** Runs headless chromium with these arguments, bounded in time; returns what it printed on stdout. */
    private static String chromium(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        Path stdout = dir.resolve("chromium-" + System.nanoTime() + ".out");
        Path stderr = dir.resolve("chromium-" + System.nanoTime() + ".err");
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=3000"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            boolean ended = process.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS);
            assertThat(ended).as("chromium ended within 90 s").isTrue();
            assertThat(process.exitValue())
                    .as(Files.readString(stderr, StandardCharsets.UTF_8))
                    .isZero();
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
