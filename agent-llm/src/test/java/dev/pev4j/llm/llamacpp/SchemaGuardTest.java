package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaGuardTest {

    @Test
    void drops_integer_bounds_that_llama_cpp_takes_for_no_bound_or_cannot_hold() {
        String schema = "{\"type\":\"object\",\"properties\":{"
                + "\"a\":{\"type\":\"integer\",\"minimum\":-2147483648,\"maximum\":2147483647},"
                + "\"b\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":10000000000},"
                + "\"c\":{\"type\":\"integer\",\"minimum\":-5,\"maximum\":5},"
                + "\"d\":{\"type\":\"number\",\"maximum\":1e300}}}";

        assertThat(SchemaGuard.safe(schema))
                .isEqualTo("{\"type\":\"object\",\"properties\":{"
                        + "\"a\":{\"type\":\"integer\"},"
                        + "\"b\":{\"type\":\"integer\",\"minimum\":0},"
                        + "\"c\":{\"type\":\"integer\",\"minimum\":-5,\"maximum\":5},"
                        + "\"d\":{\"type\":\"number\",\"maximum\":1.0E300}}}");
    }

    @Test
    void leaves_a_schema_without_such_bounds_as_written() {
        String schema = "{ \"type\": \"integer\", \"minimum\": 1 }";

        assertThat(SchemaGuard.safe(schema)).isSameAs(schema);
    }
}
