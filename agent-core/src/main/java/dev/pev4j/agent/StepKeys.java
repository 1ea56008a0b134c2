package dev.pev4j.agent;

import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a step computes, as text independent of step ids: its tool and arguments, with each reference replaced by the
 * key of the step it refers to. Two steps with the same key in two plans compute the same thing (LLMCompiler's
 * "never repeat"), so the later one can reuse the earlier one's evidence. Not thread-safe; one per plan.
 */
final class StepKeys {

    private final Plan plan;
    private final Map<StepId, String> keys = new HashMap<>();

    StepKeys(Plan plan) {
        this.plan = plan;
    }

    /** The key of step {@code id}; validated plans have no cycles, so the recursion ends. */
    String key(StepId id) {
        String known = keys.get(id);
        if (known != null) {
            return known;
        }
        Step step = plan.step(id).orElseThrow(() -> new IllegalArgumentException("no step #" + id + " in the plan"));
        StringBuilder key = new StringBuilder(step.tool()).append('(');
        for (Arg arg : step.args()) {
            append(key, arg);
            key.append(',');
        }
        for (Map.Entry<String, Arg> named : step.namedArgs().entrySet()) {
            key.append(named.getKey()).append('=');
            append(key, named.getValue());
            key.append(',');
        }
        String done = key.append(')').toString();
        keys.put(id, done);
        return done;
    }

    private void append(StringBuilder key, Arg arg) {
        arg.accept(new Arg.Visitor<Void>() {
            @Override
            public @Nullable Void value(Arg.Value value) {
                Object v = value.value();
                // The type is part of the key: 5, 5.0 and "5" are different arguments.
                key.append(
                        v == null
                                ? "null"
                                : v.getClass().getSimpleName()
                                        + ':'
                                        + v.toString().length()
                                        + ':'
                                        + v);
                return null;
            }

            @Override
            public @Nullable Void ref(Arg.Ref ref) {
                key.append('{').append(key(ref.step())).append('}');
                return null;
            }

            @Override
            public @Nullable Void text(Arg.Text text) {
                key.append("text[");
                for (Object part : text.parts()) {
                    if (part instanceof Arg.Ref ref) {
                        key.append('{').append(key(ref.step())).append('}');
                    } else {
                        String s = (String) part;
                        key.append(s.length()).append(':').append(s);
                    }
                }
                key.append(']');
                return null;
            }

            @Override
            public @Nullable Void list(Arg.ListOf list) {
                key.append('[');
                for (Arg item : list.items()) {
                    item.accept(this);
                    key.append(',');
                }
                key.append(']');
                return null;
            }

            @Override
            public @Nullable Void map(Arg.MapOf map) {
                key.append("map{");
                for (Map.Entry<String, Arg> entry : map.entries().entrySet()) {
                    key.append(entry.getKey().length())
                            .append(':')
                            .append(entry.getKey())
                            .append('=');
                    entry.getValue().accept(this);
                    key.append(',');
                }
                key.append('}');
                return null;
            }
        });
    }
}
