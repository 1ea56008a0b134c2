package dev.pev4j.tool;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Tools that return what they were given, to observe binding. */
public class BindingTools {

    public enum Order {
        ASC,
        DESC
    }

    public record Range(String column, double min, double max) {
        public Range {
            if (min > max) {
                throw new IllegalArgumentException("min " + min + " > max " + max);
            }
        }
    }

    @Tool
    public int count(int n) {
        return n;
    }

    @Tool
    public long big(long n) {
        return n;
    }

    @Tool
    public byte small(byte b) {
        return b;
    }

    @Tool
    public double ratio(double x) {
        return x;
    }

    @Tool
    public float single(float x) {
        return x;
    }

    @Tool
    public BigDecimal money(BigDecimal amount) {
        return amount;
    }

    @Tool
    public boolean flag(boolean on) {
        return on;
    }

    @Tool
    public char initial(char c) {
        return c;
    }

    @Tool
    public String text(String s) {
        return s;
    }

    @Tool
    public Order sort(Order order) {
        return order;
    }

    @Tool
    public List<Integer> numbers(List<Integer> values) {
        return values;
    }

    @Tool
    public int[] ints(int[] values) {
        return values;
    }

    @Tool
    public Set<Order> orders(Set<Order> values) {
        return values;
    }

    @Tool
    public Map<String, Integer> weights(Map<String, Integer> w) {
        return w;
    }

    @Tool
    public Range range(Range r) {
        return r;
    }

    @Tool
    public List<Range> ranges(List<Range> ranges) {
        return ranges;
    }

    @Tool
    public Optional<Integer> maybe(Optional<Integer> n) {
        return n;
    }

    @Tool
    public @Nullable Integer nullable(@P(value = "may be left out", required = false) @Nullable Integer n) {
        return n;
    }

    @Tool
    public int limit(@P(value = "rows", defaultValue = "5") int rows) {
        return rows;
    }

    @Tool
    public Frame same(Frame frame) {
        return frame;
    }

    @Tool
    public List<Frame> frames(List<Frame> frames) {
        return frames;
    }

    @Tool
    public Object any(@Nullable Object value) {
        return value == null ? "null" : value;
    }
}
