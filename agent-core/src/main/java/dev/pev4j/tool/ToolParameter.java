package dev.pev4j.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of a tool: its name (from {@code @P(name = ...)} or the compiled parameter name), its description
 * (from {@code @P}), its Java type, whether a call must give it, and the text of its {@code @P(defaultValue = ...)}
 * when it has one. A parameter that is not required and not given binds to its default value, to
 * {@code Optional.empty()} for an {@code Optional} type, or to {@code null}. A parameter of a tool described by a JSON
 * schema ({@link JsonSchemaTool}) carries its property's schema, which then is its {@link #valueSchema()}, and a Java
 * type derived from it ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map} or
 * {@code Object}).
 *
 * <p>Immutable and thread-safe.
 */
public record ToolParameter(
        String name,
        String description,
        Type type,
        boolean required,
        @Nullable String defaultValue,
        @Nullable ObjectNode schema) {

    public ToolParameter {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(description, "description == null");
        Objects.requireNonNull(type, "type == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        schema = schema == null ? null : schema.deepCopy();
    }

    public ToolParameter(String name, String description, Type type, boolean required, @Nullable String defaultValue) {
        this(name, description, type, required, defaultValue, null);
    }

    /** The JSON schema given for this parameter (a copy), when its tool was described by one. */
    @Override
    public @Nullable ObjectNode schema() {
        return schema == null ? null : schema.deepCopy();
    }

    /** The JSON-schema pattern of a reference to an earlier step's evidence, {@code "#E1"}. */
    public static final String REFERENCE_PATTERN = "^#E[1-9][0-9]{0,2}$";

    public ToolParameter(String name, String description, Type type, boolean required) {
        this(name, description, type, required, null);
    }

    /**
     * The JSON schema of the values this parameter binds (see {@code ValueSchemas} for how Java types map), a fresh
     * object each call; a type that only evidence can fill (a table, {@code Object}) is a reference {@code "#E1"}. For
     * a parameter with a given {@link #schema()}, that schema with bounds added where it has none ({@code maxLength}
     * on strings, {@code maxItems} on arrays) so that a grammar cannot run into the token limit.
     */
    public ObjectNode valueSchema() {
        return schema == null ? ValueSchemas.value(type, 0) : ValueSchemas.bounded(schema);
    }

    /** Whether a call may leave this parameter out: it is not required, or its type is an {@code Optional}. */
    public boolean mayBeOmitted() {
        return !required || ValueSchemas.isOptional(type);
    }

    /** The default value's text, when {@code @P(defaultValue = ...)} gave one. */
    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultValue);
    }

    /** {@code n: int}, or {@code n?: int} when it may be left out; an {@code Optional<T>} shows as {@code T}. */
    public String signature() {
        Type shown = Types.raw(type) == Optional.class ? Types.argument(type, 0) : type;
        return name + (required ? "" : "?") + ": " + Types.name(shown);
    }

    /**
     * Whether evidence of static type {@code produced} (a tool's declared return type) might bind to this parameter.
     * Conservative: false only when no value of that type can ever convert, such as a {@code void} result, or a
     * {@code Table} for an {@code int}; a {@code String} may hold a number, so it is accepted for an {@code int}.
     */
    public boolean mayAccept(Type produced) {
        Class<?> from = Types.box(Types.raw(produced));
        if (from == Void.class) {
            return false;
        }
        Class<?> to = Types.box(Types.raw(Types.raw(type) == Optional.class ? Types.argument(type, 0) : type));
        if (from == Optional.class) {
            from = Types.box(Types.raw(Types.argument(produced, 0)));
        }
        if (to == Object.class || from == Object.class || to.isAssignableFrom(from) || from.isAssignableFrom(to)) {
            return true;
        }
        boolean text = CharSequence.class.isAssignableFrom(from);
        boolean scalar = text
                || Number.class.isAssignableFrom(from)
                || from == Boolean.class
                || from == Character.class
                || from.isEnum();
        if (to == String.class) {
            return scalar;
        }
        if (Number.class.isAssignableFrom(to)) {
            return text || Number.class.isAssignableFrom(from);
        }
        if (to == Boolean.class || to == Character.class || to.isEnum()) {
            return text;
        }
        if (to.isArray() || Collection.class.isAssignableFrom(to) || to == Iterable.class) {
            return scalar || from.isArray() || Collection.class.isAssignableFrom(from) || mayBeSubclassed(from);
        }
        if (Map.class.isAssignableFrom(to)) {
            return Map.class.isAssignableFrom(from) || mayBeSubclassed(from);
        }
        // Records and other classes are read from plan literals by Jackson: objects from maps (and lists, for
        // array-shaped classes), and from a scalar only through a one-argument constructor or factory.
        return Map.class.isAssignableFrom(from)
                || Collection.class.isAssignableFrom(from)
                || (scalar && hasScalarCreator(to))
                || (from.isInterface() && !java.lang.reflect.Modifier.isFinal(to.getModifiers()));
    }

    private static boolean hasScalarCreator(Class<?> c) {
        if (c.getName().startsWith("java.")) {
            return true; // Path, URI, UUID, ...: Jackson reads many JDK types from text
        }
        for (java.lang.reflect.Constructor<?> constructor : c.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1) {
                return true;
            }
        }
        for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 1
                    && c.isAssignableFrom(method.getReturnType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayBeSubclassed(Class<?> c) {
        return c.isInterface()
                || (!java.lang.reflect.Modifier.isFinal(c.getModifiers())
                        && java.lang.reflect.Modifier.isAbstract(c.getModifiers()));
    }
}
