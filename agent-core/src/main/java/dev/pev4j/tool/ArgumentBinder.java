package dev.pev4j.tool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import dev.pev4j.internal.Suggestions;
import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns argument values (plan literals and earlier steps' evidence) into values of a parameter's type. Values that
 * already have the type pass as they are; numbers are converted only when exact and in range; records and other
 * classes go through Jackson. Stateless and thread-safe.
 */
final class ArgumentBinder {

    // Configured once and never changed afterwards, so it may be shared by threads.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_PREVIEW = 60;

    private ArgumentBinder() {}

    /** Why a value did not bind: where inside the argument, what was expected there, and what was found. */
    static final class Failure extends RuntimeException {
        final String path;
        final Type expected;
        final @Nullable Object value;
        final String expectedNote;
        final String detail;

        Failure(String path, Type expected, @Nullable Object value, String expectedNote, String detail) {
            super(null, null, false, false);
            this.path = path;
            this.expected = expected;
            this.value = value;
            this.expectedNote = expectedNote;
            this.detail = detail;
        }

        /** {@code expects int but got "ten" (String)}, with the path inside the argument first if any. */
        String describe() {
            return (path.isEmpty() ? "" : "at " + path + " ") + "expects " + Types.name(expected) + expectedNote
                    + " but got " + ArgumentBinder.describe(value) + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    static @Nullable Object convert(@Nullable Object value, Type target) {
        return convert(value, target, "");
    }

    private static Failure fail(String path, Type target, @Nullable Object value) {
        return new Failure(path, target, value, "", "");
    }

    private static Failure fail(String path, Type target, @Nullable Object value, String detail) {
        return new Failure(path, target, value, "", detail);
    }

    private static @Nullable Object convert(@Nullable Object value, Type target, String path) {
        Class<?> raw = Types.raw(target);
        if (raw == Optional.class) {
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Optional<?> optional) {
                return optional.isEmpty()
                        ? optional
                        : Optional.ofNullable(convert(optional.get(), Types.argument(target, 0), path));
            }
            return Optional.ofNullable(convert(value, Types.argument(target, 0), path));
        }
        if (value == null) {
            if (raw.isPrimitive()) {
                throw fail(path, target, null);
            }
            return null;
        }
        Class<?> boxed = Types.box(raw);
        boolean container = Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw);
        if (boxed.isInstance(value) && !(container && target instanceof ParameterizedType)) {
            return value;
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return toNumber(value, boxed, target, path);
        }
        if (boxed == Boolean.class) {
            if (value instanceof String s) {
                String text = s.strip();
                if (text.equalsIgnoreCase("true")) {
                    return true;
                } else if (text.equalsIgnoreCase("false")) {
                    return false;
                }
            }
            throw fail(path, target, value);
        }
        if (boxed == Character.class) {
            if (value instanceof String s && s.length() == 1) {
                return s.charAt(0);
            }
            throw fail(path, target, value);
        }
        if (raw == String.class) {
            if (value instanceof Enum<?> e) {
                return e.name();
            }
            if (value instanceof CharSequence
                    || value instanceof Number
                    || value instanceof Boolean
                    || value instanceof Character) {
                return value.toString();
            }
            throw fail(path, target, value);
        }
        if (raw.isEnum()) {
            return toEnum(value, raw, target, path);
        }
        if (raw.isArray()) {
            List<@Nullable Object> items = items(value, target, path);
            Type component = Types.component(target);
            Object array = Array.newInstance(Types.raw(component), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, convert(items.get(i), component, path + "[" + i + "]"));
            }
            return array;
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            Collection<@Nullable Object> collection;
            if (raw.isAssignableFrom(ArrayList.class)) {
                collection = new ArrayList<>();
            } else if (raw.isAssignableFrom(LinkedHashSet.class)) {
                collection = new LinkedHashSet<>();
            } else if (raw.isAssignableFrom(TreeSet.class)) {
                collection = new TreeSet<>();
            } else {
                throw fail(path, target, value, "pev4j builds List, Set and SortedSet, not " + Types.name(raw));
            }
            List<@Nullable Object> items = items(value, target, path);
            Type element = Types.argument(target, 0);
            for (int i = 0; i < items.size(); i++) {
                collection.add(convert(items.get(i), element, path + "[" + i + "]"));
            }
            return collection;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map<@Nullable Object, @Nullable Object> map;
            if (raw.isAssignableFrom(LinkedHashMap.class)) {
                map = new LinkedHashMap<>();
            } else if (raw.isAssignableFrom(TreeMap.class)) {
                map = new TreeMap<>();
            } else {
                throw fail(path, target, value, "pev4j builds Map and SortedMap, not " + Types.name(raw));
            }
            if (!(value instanceof Map<?, ?> source)) {
                throw fail(path, target, value);
            }
            Type keyType = Types.argument(target, 0);
            Type valueType = Types.argument(target, 1);
            for (Map.Entry<?, ?> entry : source.entrySet()) {
                String at = path + "[" + describeKey(entry.getKey()) + "]";
                map.put(convert(entry.getKey(), keyType, at), convert(entry.getValue(), valueType, at));
            }
            return map;
        }
        if (isLiteral(value)) {
            return viaJackson(value, target, path);
        }
        throw fail(path, target, value);
    }

    private static Object toNumber(Object value, Class<?> boxed, Type target, String path) {
        Number number;
        if (value instanceof Number n) {
            number = n;
        } else if (value instanceof String s && NUMBER.matcher(s.strip()).matches()) {
            BigDecimal parsed = new BigDecimal(s.strip());
            number = parsed;
            if (boxed == Number.class) {
                return isWhole(parsed) && fits(parsed, Long.MIN_VALUE, Long.MAX_VALUE)
                        ? (Object) parsed.longValueExact()
                        : (Object) parsed.doubleValue();
            }
        } else {
            throw fail(path, target, value);
        }
        if (boxed == Double.class) {
            return number.doubleValue();
        }
        if (boxed == Float.class) {
            double d = number.doubleValue();
            if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                throw fail(path, target, value, "outside the range of float");
            }
            return (float) d;
        }
        if (boxed == Number.class) {
            return number;
        }
        BigDecimal exact = toBigDecimal(number, target, value, path);
        if (boxed == BigDecimal.class) {
            return exact;
        }
        if (!isWhole(exact)) {
            throw fail(path, target, value, "not a whole number");
        }
        if (boxed == BigInteger.class) {
            return exact.toBigIntegerExact();
        }
        long min;
        long max;
        if (boxed == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (boxed == Long.class) {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        } else if (boxed == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (boxed == Byte.class) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else {
            // AtomicInteger, LongAdder and other Number subclasses: let Jackson try the value.
            return viaJackson(value, target, path);
        }
        if (!fits(exact, min, max)) {
            throw fail(
                    path, target, value, "outside the range of " + Types.name(target) + " (" + min + ".." + max + ")");
        }
        long whole = exact.longValueExact();
        if (boxed == Integer.class) {
            return (int) whole;
        } else if (boxed == Short.class) {
            return (short) whole;
        } else if (boxed == Byte.class) {
            return (byte) whole;
        }
        return whole;
    }

    private static BigDecimal toBigDecimal(Number number, Type target, Object value, String path) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                throw fail(path, target, value, "not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        return BigDecimal.valueOf(number.longValue());
    }

    private static boolean isWhole(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static boolean fits(BigDecimal d, long min, long max) {
        return d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    private static Object toEnum(Object value, Class<?> raw, Type target, String path) {
        Object[] constants = raw.getEnumConstants();
        if (value instanceof String s) {
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(s.strip())) {
                    return constant;
                }
            }
        }
        String names = Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
        throw new Failure(path, target, value, " (one of " + names + ")", "");
    }

    /** The items of a list, set or array; a single scalar counts as a list of one (models often drop brackets). */
    private static List<@Nullable Object> items(Object value, Type target, String path) {
        List<@Nullable Object> items = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            items.addAll(collection);
        } else if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
        } else if (value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum) {
            items.add(value);
        } else {
            throw fail(path, target, value);
        }
        return items;
    }

    /** Plan literal shapes, which Jackson can read without touching arbitrary evidence objects. */
    private static boolean isLiteral(@Nullable Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return true;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().allMatch(ArgumentBinder::isLiteral);
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().allMatch(k -> k instanceof String)
                    && map.values().stream().allMatch(ArgumentBinder::isLiteral);
        }
        return false;
    }

    private static Object viaJackson(Object value, Type target, String path) {
        try {
            Object converted = MAPPER.convertValue(value, MAPPER.constructType(target));
            if (converted == null) {
                throw fail(path, target, value);
            }
            return converted;
        } catch (IllegalArgumentException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage();
            if (e.getCause() instanceof JsonMappingException mapping) {
                detail = mapping.getOriginalMessage();
                if (mapping instanceof PropertyBindingException unknown && unknown.getKnownPropertyIds() != null) {
                    List<String> known = unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .toList();
                    List<String> closest = Suggestions.closest(unknown.getPropertyName(), known, 3);
                    detail = "unknown field '" + unknown.getPropertyName() + "'"
                            + (closest.isEmpty()
                                    ? "; "
                                    : "; did you mean " + Suggestions.quotedAlternatives(closest) + "? ")
                            + "fields: " + String.join(", ", known);
                }
                StringBuilder at = new StringBuilder();
                for (JsonMappingException.Reference reference : mapping.getPath()) {
                    if (reference.getFieldName() != null) {
                        at.append('.').append(reference.getFieldName());
                    } else if (reference.getIndex() >= 0) {
                        at.append('[').append(reference.getIndex()).append(']');
                    }
                }
                if (at.length() > 0) {
                    detail = detail + " (at " + at + ")";
                }
            }
            throw fail(
                    path, target, value, detail.replaceAll("\\s*\\R\\s*", " ").strip());
        }
    }

    private static String describeKey(@Nullable Object key) {
        return key instanceof String s ? quote(s) : String.valueOf(key);
    }

    /** {@code "ten" (String)}, {@code 3.5 (Double)}, {@code [1, 2] (List)}, {@code null}, {@code a Table}. */
    static String describe(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return preview(value) + " (" + value.getClass().getSimpleName() + ")";
        }
        if (value instanceof List<?> && isLiteral(value)) {
            return preview(value) + " (List)";
        }
        if (value instanceof Map<?, ?> && isLiteral(value)) {
            return preview(value) + " (Map)";
        }
        String type = Types.name(value.getClass());
        return (type.matches("(?i)[aeiou].*") ? "an " : "a ") + type;
    }

    private static String preview(Object value) {
        String text = literal(value);
        return text.length() <= MAX_PREVIEW ? text : text.substring(0, MAX_PREVIEW - 3) + "...";
    }

    private static String literal(@Nullable Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ArgumentBinder::literal).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> literal(e.getKey()) + ": " + literal(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
