package dev.pev4j.plan;

import java.util.List;

/** Plans written the way models write them, shared by the parser's example, property and fuzz tests. */
final class PlanFixtures {

    private PlanFixtures() {}

    /** The ReWOO paper's worked example (Xu et al. 2023, HotpotQA), as the planner model wrote it. */
    static final String REWOO_PAPER = """
            Plan: Search for more information about Colorado orogeny.
            #E1 = Wikipedia[Colorado orogeny]
            Plan: Find out the area that eastern sector of the Colorado orogeny extends into.
            #E2 = LLM[What is the name of the area that eastern sector of Colorado extends into? Given context: #E1]
            Plan: Search for more information about the area.
            #E3 = Wikipedia[#E2]
            Plan: Find out the elevation range of the area.
            #E4 = LLM[What is elevation range of the area #E2? Given context: #E3]
            """;

    /** ReWOO with data tools, wrapped in chat: prose, a fence, criteria. */
    static final String REWOO_CHATTY = """
            Sure! Here is a plan to answer the question.

            ```text
            Plan: Load the sales table.
            #E1 = read_csv["sales.csv"]
            Plan: Keep the orders above 100 dollars, since
            the question is about big orders.
            #E2 = filter[#E1, "amount > 100"]
            Plan: Sum the amounts per region.
            #E3 = group_sum[#E2, "region", "amount"]
            Plan: Write the answer.
            #E4 = LLM[Which region has the highest total in #E3?]
            ```

            Criteria:
            - the answer names one region
            - the total is a positive number

            I hope this helps!
            """;

    /** The variant with {@code Step N:} thoughts and call syntax, named arguments and escapes. */
    static final String STEP_CALLS = """
            Step 1: Read the file with the sales.
            #E1 = read_csv(path="data/sales.csv", sep=";")
            Step 2: Keep the rows of the "EU" region.
            #E2 = filter(#E1, "region == \\"EU\\"")
            Step 3: Take the top 5.
            #E3 = top_n(#E2, column='amount', n=5, descending=True)
            Validation criteria:
            1. at most 5 rows
            2. every row is in the EU region
            """;

    /** TinyAgent's output format (LLMCompiler function calling), arguments as Python literals. */
    static final String TINY_AGENT = """
            1. get_email_address("Sid")
            2. get_email_address("Lutfi")
            3. create_calendar_event("Meeting with Sid and Lutfi", "2024-02-01 10:00:00", "2024-02-01 10:30:00", "", ["$1", "$2"], "", None)
            Thought: I have created the event, so the task is done.
            4. join()<END_OF_PLAN>
            """;

    /** LLMCompiler's HotpotQA plans: thoughts, {@code $N} references inside strings, join, end marker. */
    static final String LLM_COMPILER = """
            Thought: I need the birth dates of both people.
            1. search("Ragnar Lothbrok")
            2. search("Bjorn Ironside")
            Thought: Then compare them.
            3. llm("Who was born first, given $1 and ${2}?")
            4. join()
            <END_OF_PLAN>
            """;

    /** What a 1 B-parameter model writes when asked for JSON: a fence, a trailing comma, prose around. */
    static final String SMALL_MODEL_JSON = """
            Here is the plan in JSON:
            ```json
            {
              "steps": [
                {"id": "E1", "thought": "Load the sales data.", "tool": "read_csv", "args": ["sales.csv"]},
                {"id": "E2", "thought": "Keep big orders.", "tool": "filter", "args": ["#E1", "amount > 100"]},
                {"id": "E3", "thought": "Sum per region.", "tool": "group_sum",
                 "args": {"table": "#E2", "by": ["region"], "options": {"round": 2, "ratio": 0.5}}},
              ],
              "criteria": ["the result has one row per region", {"text": "amounts are positive"}]
            }
            ```
            Let me know if you need anything else!
            """;

    /** Every valid fixture, for the property and fuzz tests. */
    static final List<String> ALL =
            List.of(REWOO_PAPER, REWOO_CHATTY, STEP_CALLS, TINY_AGENT, LLM_COMPILER, SMALL_MODEL_JSON);
}
