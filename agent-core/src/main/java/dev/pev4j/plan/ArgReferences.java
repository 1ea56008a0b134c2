package dev.pev4j.plan;

import dev.pev4j.plan.Arg.ListOf;
import dev.pev4j.plan.Arg.MapOf;
import dev.pev4j.plan.Arg.Ref;
import dev.pev4j.plan.Arg.Text;
import dev.pev4j.plan.Arg.Value;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The walk behind {@link Arg#forEachReference}: each reference in the order written. Not thread-safe. */
final class ArgReferences implements Arg.Visitor<Void> {
    private final Consumer<StepId> action;

    ArgReferences(Consumer<StepId> action) {
        this.action = action;
    }

    @Override
    public @Nullable Void value(Value value) {
        return null;
    }

    @Override
    public @Nullable Void ref(Ref ref) {
        action.accept(ref.step());
        return null;
    }

    @Override
    public @Nullable Void text(Text text) {
        for (Object part : text.parts()) {
            if (part instanceof Ref ref) {
                action.accept(ref.step());
            }
        }
        return null;
    }

    @Override
    public @Nullable Void list(ListOf list) {
        for (Arg item : list.items()) {
            item.accept(this);
        }
        return null;
    }

    @Override
    public @Nullable Void map(MapOf map) {
        for (Arg value : map.entries().values()) {
            value.accept(this);
        }
        return null;
    }
}
