package dev.pev4j.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares whether a tool changes the world (writes a file, places an order, sends a message) or only computes from
 * its arguments and reads. On a {@code @Tool} method it declares that tool; on a class, every tool of the class that
 * does not declare itself.
 *
 * <pre>{@code
 * @SideEffects(false)                       // the class's tools are free of side effects...
 * public final class Inventory {
 *     @Tool("Units of an item in stock") public long stock(String item) { ... }
 *
 *     @SideEffects                          // ...except this one
 *     @Tool("Orders more units of an item") public long reorder(String item, long units) { ... }
 * }
 * }</pre>
 *
 * <p>What it changes when a plan runs (see {@link ToolDescriptor.Effects}):
 * <ul>
 *   <li>{@code @SideEffects} ({@link ToolDescriptor.Effects#WRITES}): the step is ordered in plan order: it starts after
 *       every step before it in the plan and before every step after it, so a later step reads what it changed. It is
 *       never reused on a replan, and once it has run, no evidence from before is reused either.
 *   <li>{@code @SideEffects(false)} ({@link ToolDescriptor.Effects#NONE}): the step runs in parallel with the steps it
 *       does not use, and a replanned plan that repeats it exactly reuses its evidence instead of calling it again.
 *   <li>neither ({@link ToolDescriptor.Effects#UNDECLARED}): the step runs in parallel like a free one, but its evidence
 *       is never reused, and an attempt that ran it leaves no evidence to reuse (it may have changed what others read).
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SideEffects {

    /** True (the default) when the tool changes state; {@code false} declares it free of side effects. */
    boolean value() default true;
}
