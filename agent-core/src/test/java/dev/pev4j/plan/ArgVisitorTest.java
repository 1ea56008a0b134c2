package dev.pev4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgVisitorTest {

    /** Names each kind, and walks into lists and maps, as {@code kind(children)}. */
    static final Arg.Visitor<String> SHAPE = new Arg.Visitor<>() {
        @Override
        public String value(Arg.Value value) {
            return "value";
        }

        @Override
        public String ref(Arg.Ref ref) {
            return "ref";
        }

        @Override
        public String text(Arg.Text text) {
            return "text";
        }

        @Override
        public String list(Arg.ListOf list) {
            List<String> items = new ArrayList<>();
            list.items().forEach(item -> items.add(item.accept(this)));
            return "list" + items;
        }

        @Override
        public String map(Arg.MapOf map) {
            Map<String, String> entries = new LinkedHashMap<>();
            map.entries().forEach((key, value) -> entries.put(key, value.accept(this)));
            return "map" + entries;
        }
    };

    static Arg parse(String call) {
        return PlanParser.create()
                .parse("#E1 = a()\n#E2 = b()\n#E3 = c()\n#E4 = f(" + call + ")\n")
                .steps()
                .get(3)
                .args()
                .get(0);
    }

    @Test
    void accept_calls_the_method_for_the_arguments_kind() {
        assertThat(Arg.of("x").accept(SHAPE)).isEqualTo("value");
        assertThat(Arg.of(null).accept(SHAPE)).isEqualTo("value");
        assertThat(Arg.ref(1).accept(SHAPE)).isEqualTo("ref");
        assertThat(new Arg.Text(List.of("a ", Arg.ref(1))).accept(SHAPE)).isEqualTo("text");
        assertThat(parse("[1, #E1, \"x #E2\", {\"k\": [true]}]").accept(SHAPE))
                .isEqualTo("list[value, ref, text, map{k=list[value]}]");
    }

    @Test
    void each_reference_comes_in_the_order_written_with_repeats_and_references_sorts_them_once() {
        Arg arg = parse("{\"b\": [#E3, \"#E1 and #E2\"], \"a\": #E3, \"c\": [[#E1]]}");
        List<StepId> seen = new ArrayList<>();

        arg.forEachReference(seen::add);

        assertThat(seen).containsExactly(StepId.of(3), StepId.of(1), StepId.of(2), StepId.of(3), StepId.of(1));
        assertThat(arg.references()).containsExactly(StepId.of(1), StepId.of(2), StepId.of(3));
        assertThat(Arg.of(5L).references()).isEmpty();
    }
}
