package dev.pev4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A step's evidence as real JSON, for {@code plan run --json}: numbers at full precision, text, booleans, lists and
 * arrays as arrays, maps and records as objects, a table as {@code {"rows": R, "columns": [{"name", "type"}],
 * "data": [{...}, ...]}} with one object per row. Missing numbers ({@code NaN}) and missing cells are {@code null};
 * dates and times are ISO text. Bounded unless {@code whole}: at most {@link #ITEMS} list items, map entries or table
 * rows, with {@code "truncated": true} on the step. Stateless and thread-safe.
 */
final class ValueJson {

    /** Items, entries or rows shown of a value that is not asked for whole. */
    static final int ITEMS = 20;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 32;

    private final boolean whole;
    private boolean truncated;

    private ValueJson(boolean whole) {
        this.whole = whole;
    }

    /** The JSON of {@code value}; whole or bounded. */
    record Converted(JsonNode json, boolean truncated) {}

    static Converted of(@Nullable Object value, boolean whole) {
        ValueJson converter = new ValueJson(whole);
        JsonNode json = converter.convert(value, 0);
        return new Converted(json, converter.truncated);
    }

    private int limit() {
        return whole ? Integer.MAX_VALUE : ITEMS;
    }

    private JsonNode convert(@Nullable Object value, int depth) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (depth > MAX_DEPTH) {
            truncated = true;
            return NODES.textNode(String.valueOf(value));
        }
        if (value instanceof String || value instanceof Character || value instanceof Enum<?>) {
            return NODES.textNode(value.toString());
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
        } else if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        } else if (value instanceof BigInteger i) {
            return NODES.numberNode(i);
        } else if (value instanceof Number n) {
            return NODES.numberNode(n.longValue());
        } else if (value instanceof TemporalAccessor) {
            return NODES.textNode(value.toString());
        } else if (value instanceof Table table) {
            return table(table, depth);
        } else if (value instanceof Optional<?> optional) {
            return convert(optional.orElse(null), depth + 1);
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            int shown = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (shown++ == limit()) {
                    truncated = true;
                    break;
                }
                object.set(String.valueOf(entry.getKey()), convert(entry.getValue(), depth + 1));
            }
            return object;
        } else if (value instanceof Iterable<?> items) {
            ArrayNode array = NODES.arrayNode();
            Iterator<?> it = items.iterator();
            while (it.hasNext()) {
                if (array.size() == limit()) {
                    truncated = true;
                    break;
                }
                array.add(convert(it.next(), depth + 1));
            }
            return array;
        } else if (value.getClass().isArray()) {
            ArrayNode array = NODES.arrayNode();
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                if (i == limit()) {
                    truncated = true;
                    break;
                }
                array.add(convert(Array.get(value, i), depth + 1));
            }
            return array;
        } else if (value instanceof Record record) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    object.set(
                            component.getName(), convert(component.getAccessor().invoke(record), depth + 1));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    object.put(component.getName(), "(unreadable: " + e + ")");
                }
            }
            return object;
        }
        return NODES.textNode(value.toString());
    }

    private JsonNode table(Table table, int depth) {
        ObjectNode node = NODES.objectNode();
        node.put("rows", table.rowCount());
        ArrayNode columns = node.putArray("columns");
        for (Column<?> column : table.columns()) {
            ObjectNode c = columns.addObject();
            c.put("name", column.name());
            c.put("type", column.type().name());
        }
        ArrayNode data = node.putArray("data");
        int rows = Math.min(table.rowCount(), limit());
        if (rows < table.rowCount()) {
            truncated = true;
        }
        for (int row = 0; row < rows; row++) {
            ObjectNode record = data.addObject();
            for (Column<?> column : table.columns()) {
                JsonNode cell = column.isMissing(row) ? NODES.nullNode() : convert(column.get(row), depth + 1);
                record.set(column.name(), cell);
            }
        }
        return node;
    }
}
