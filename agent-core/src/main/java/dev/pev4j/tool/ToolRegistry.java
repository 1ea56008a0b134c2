package dev.pev4j.tool;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.pev4j.internal.Suggestions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import dev.pev4j.AgentException;

/**
 * The tools an agent may call: the public methods annotated with LangChain4j's {@link Tool} on the objects registered
 * here. It describes them to the planner ({@link #render()}, {@link #tools()}), binds plan arguments to their
 * parameters and calls them ({@link #invoke}).
 *
 * <pre>{@code
 * ToolRegistry tools = ToolRegistry.of(new DataOps(workspace), new Calculator());
 * Object table = tools.invoke("read_csv", List.of("sales.csv"), Map.of());
 * }</pre>
 *
 * <p>Registration fails fast with a {@link ToolRegistrationException} naming the method at fault. Immutable and
 * thread-safe: tools may be called from many threads at once (the tool objects themselves must then be thread-safe).
 */
public final class ToolRegistry implements ToolInvoker {

    private static final String METHOD_SEPARATOR = "\n    for method ";

    private final List<ToolDescriptor> tools;
    private final Map<String, Callable> byName;

    /** A tool and how to call it. */
    private record Callable(ToolDescriptor descriptor, MethodHandle handle) {}

    private ToolRegistry(List<Object> toolObjects) {
        Map<String, Callable> callables = new LinkedHashMap<>();
        Map<String, Method> declaredBy = new LinkedHashMap<>();
        for (Object toolObject : toolObjects) {
            if (toolObject instanceof Class<?> c) {
                throw new ToolRegistrationException("got the class " + c.getName()
                        + " instead of an object: register an instance, e.g. new " + c.getSimpleName() + "()");
            }
            List<Method> methods = toolMethods(toolObject.getClass());
            if (methods.isEmpty()) {
                throw new ToolRegistrationException(toolObject.getClass().getName()
                        + " has no public method annotated with @Tool (dev.langchain4j.agent.tool.Tool)");
            }
            for (Method method : methods) {
                Callable callable = callable(toolObject, method);
                String name = callable.descriptor().name();
                Method previous = declaredBy.putIfAbsent(name, method);
                if (previous != null) {
                    throw new ToolRegistrationException("tool name '" + name + "' is used by two methods, "
                            + describe(previous) + " and " + describe(method)
                            + "; rename one with @Tool(name = \"...\")" + METHOD_SEPARATOR + describe(method));
                }
                callables.put(name, callable);
            }
        }
        this.byName = Map.copyOf(callables);
        this.tools = callables.values().stream().map(Callable::descriptor).toList();
    }

    /** A registry of the tools on these objects, in this order. */
    public static ToolRegistry of(Object... toolObjects) {
        Builder builder = builder();
        for (Object toolObject : toolObjects) {
            builder.add(toolObject);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects tool objects for a {@link ToolRegistry}. Not thread-safe; the registry it builds is. */
    public static final class Builder {

        private final List<Object> toolObjects = new ArrayList<>();

        private Builder() {}

        /** Registers the {@code @Tool} methods of {@code toolObject}. */
        public Builder add(Object toolObject) {
            toolObjects.add(Objects.requireNonNull(toolObject, "toolObject == null"));
            return this;
        }

        /**
         * The registry of every tool method of the added objects.
         *
         * @throws ToolRegistrationException when no object was added, an object has no tools, two tools share a name,
         *     or a tool method cannot be called
         */
        public ToolRegistry build() {
            if (toolObjects.isEmpty()) {
                throw new ToolRegistrationException("No tool objects registered; add at least one with add(object).");
            }
            return new ToolRegistry(List.copyOf(toolObjects));
        }
    }

    /** The tools, in registration order (within one object, by name). */
    public List<ToolDescriptor> tools() {
        return tools;
    }

    /** The tool with this exact name. */
    public Optional<ToolDescriptor> find(String name) {
        Callable callable = byName.get(name);
        return callable == null ? Optional.empty() : Optional.of(callable.descriptor());
    }

    /** All tool names, in registration order. */
    public List<String> names() {
        return tools.stream().map(ToolDescriptor::name).toList();
    }

    /**
     * Up to {@code max} tool names close to {@code name} (small edit distance ignoring case, or one containing the
     * other), closest first; for "did you mean" messages.
     */
    public List<String> closestNames(String name, int max) {
        return Suggestions.closest(name, names(), max);
    }

    /**
     * The tools as compact text for a prompt: one line per tool, {@code name(param: type, ...) -> returnType:
     * description}, then one indented line per parameter that has a description, allowed enum values or record
     * fields. Parameters that may be left out are marked {@code ?}.
     */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (ToolDescriptor tool : tools) {
            text.append(tool.signature());
            if (!tool.description().isBlank()) {
                text.append(": ").append(oneLine(tool.description()));
            }
            text.append('\n');
            for (ToolParameter parameter : tool.parameters()) {
                List<String> notes = new ArrayList<>();
                if (!parameter.description().isBlank()) {
                    notes.add(oneLine(parameter.description()));
                }
                Class<?> element = elementClass(parameter.type());
                if (element.isEnum()) {
                    notes.add("one of " + Arrays.stream(element.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name())
                            .collect(Collectors.joining(", ")));
                }
                if (element.isRecord()) {
                    notes.add("an object " + Arrays.stream(element.getRecordComponents())
                            .map(c -> c.getName() + ": " + Types.name(c.getGenericType()))
                            .collect(Collectors.joining(", ", "{", "}")));
                }
                parameter.defaultText().ifPresent(d -> notes.add("default " + d));
                if (!notes.isEmpty()) {
                    text.append("    ").append(parameter.name()).append(": ").append(String.join("; ", notes)).append('\n');
                }
            }
        }
        return text.toString();
    }

    /**
     * Calls {@code tool} with these arguments.
     *
     * @throws UnknownToolException when no tool has this name
     * @throws ToolArgumentException when the arguments do not bind to the tool's parameters
     * @throws ToolExecutionException when the tool throws
     */
    @Override
    public @Nullable Object invoke(String tool, List<@Nullable Object> args, Map<String, @Nullable Object> namedArgs) {
        Objects.requireNonNull(tool, "tool == null");
        Objects.requireNonNull(args, "args == null");
        Objects.requireNonNull(namedArgs, "namedArgs == null");
        Callable callable = byName.get(tool);
        if (callable == null) {
            throw new UnknownToolException(tool, closestNames(tool, 3), names());
        }
        @Nullable Object[] bound = callable.descriptor().bind(args, namedArgs);
        try {
            return (Object) callable.handle().invokeExact(bound);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ToolExecutionException(tool, e);
        }
    }

    @Override
    public String toString() {
        return "ToolRegistry" + names();
    }

    // ---- discovery

    /** The public methods of {@code type} (declared or inherited) that carry {@code @Tool}, by name. */
    private static List<Method> toolMethods(Class<?> type) {
        for (Class<?> c : hierarchy(type)) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Tool.class) && !Modifier.isPublic(method.getModifiers())) {
                    throw new ToolRegistrationException("a tool method must be public" + METHOD_SEPARATOR + describe(method));
                }
            }
        }
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (!method.isBridge() && !method.isSynthetic() && annotated(method).isPresent()) {
                methods.add(method);
            }
        }
        methods.sort(Comparator.comparing((Method m) -> toolName(annotated(m).orElseThrow()))
                .thenComparingInt(Method::getParameterCount));
        return methods;
    }

    /** {@code type}, its superclasses and all the interfaces they implement. */
    private static Collection<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (seen.add(c)) {
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                todo.addAll(Arrays.asList(c.getInterfaces()));
            }
        }
        return seen;
    }

    /**
     * The declaration of {@code method} that carries {@code @Tool}: the method itself, or the method it overrides in a
     * superclass or interface (annotations on methods are not inherited).
     */
    private static Optional<Method> annotated(Method method) {
        for (Class<?> c : hierarchy(method.getDeclaringClass())) {
            try {
                Method declared = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (declared.isAnnotationPresent(Tool.class)) {
                    return Optional.of(declared);
                }
            } catch (NoSuchMethodException e) {
                // not declared at this level; look further up
            }
        }
        return Optional.empty();
    }

    private static String toolName(Method declaration) {
        String name = declaration.getAnnotation(Tool.class).name();
        return name.isBlank() ? declaration.getName() : name;
    }

    private static Callable callable(Object target, Method method) {
        Method declaration = annotated(method).orElseThrow();
        ToolSpecification specification;
        try {
            specification = ToolSpecifications.toolSpecificationFrom(declaration);
        } catch (RuntimeException e) {
            throw new ToolRegistrationException(e.getMessage() + METHOD_SEPARATOR + describe(method));
        }
        List<ToolParameter> parameters = new ArrayList<>();
        Set<String> specified = specification.parameters() == null
                ? Set.of()
                : specification.parameters().properties().keySet();
        for (Parameter parameter : declaration.getParameters()) {
            parameters.add(parameter(parameter, specified, method));
        }
        Tool tool = declaration.getAnnotation(Tool.class);
        String description = String.join("\n", tool.value());
        ToolDescriptor descriptor = new ToolDescriptor(
                specification.name(), description, parameters, method.getGenericReturnType(), specification);
        return new Callable(descriptor, handle(target, method, declaration));
    }

    private static ToolParameter parameter(Parameter parameter, Set<String> specified, Method method) {
        P p = parameter.getAnnotation(P.class);
        boolean named = p != null && !p.name().isBlank();
        if (!named && !parameter.isNamePresent()) {
            throw new ToolRegistrationException("the names of the parameters are not available at run time (found '"
                    + parameter.getName() + "'): compile with -parameters"
                    + " (<maven.compiler.parameters>true</maven.compiler.parameters>) or name each parameter with"
                    + " @P(name = \"...\")" + METHOD_SEPARATOR + describe(method));
        }
        String name = named ? p.name() : parameter.getName();
        if (!specified.contains(name)) {
            throw new ToolRegistrationException("parameter '" + name + "' of type " + Types.name(parameter.getParameterizedType())
                    + " is filled in by LangChain4j AI services, which pev4j does not support; remove it"
                    + METHOD_SEPARATOR + describe(method));
        }
        Type type = parameter.getParameterizedType();
        Optional<String> unsupported = Types.unsupported(type);
        if (unsupported.isPresent()) {
            throw new ToolRegistrationException("parameter '" + name + "' has a type the argument binder cannot build: "
                    + unsupported.get() + METHOD_SEPARATOR + describe(method));
        }
        String description = p == null ? "" : (p.description().isBlank() ? p.value() : p.description());
        String defaultValue = p == null || P.NO_DEFAULT.equals(p.defaultValue()) ? null : p.defaultValue();
        boolean required = parameter.getType() != Optional.class && defaultValue == null && (p == null || p.required());
        if (!required && defaultValue == null && parameter.getType().isPrimitive()) {
            throw new ToolRegistrationException("parameter '" + name + "' may be left out (@P(required = false)) but its type "
                    + parameter.getType().getName() + " cannot be null; use " + Types.box(parameter.getType()).getSimpleName()
                    + " or Optional, or give @P(defaultValue = \"...\")" + METHOD_SEPARATOR + describe(method));
        }
        ToolParameter result = new ToolParameter(name, description, type, required, defaultValue);
        if (defaultValue != null) {
            try {
                ArgumentBinder.convert(defaultValue, type);
            } catch (ArgumentBinder.Failure failure) {
                throw new ToolRegistrationException("parameter '" + name + "' has a default value that does not bind: "
                        + failure.describe() + METHOD_SEPARATOR + describe(method));
            }
        }
        return result;
    }

    /** A handle taking one {@code Object[]} of bound arguments and returning {@code Object} ({@code null} for void). */
    private static MethodHandle handle(Object target, Method method, Method declaration) {
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublicClass) {
            // A public method of a class that is not public (a nested or anonymous class): reach it through the
            // public declaration it overrides, or make it accessible, which works on the class path and in open packages.
            try {
                handle = MethodHandles.publicLookup().unreflect(declaration);
            } catch (IllegalAccessException alsoNotPublic) {
                if (!method.trySetAccessible()) {
                    throw new ToolRegistrationException("the class " + method.getDeclaringClass().getName()
                            + " is not accessible to pev4j: make it public, or open its package to dev.pev4j"
                            + METHOD_SEPARATOR + describe(method));
                }
                try {
                    handle = MethodHandles.lookup().unreflect(method);
                } catch (IllegalAccessException e) {
                    throw new ToolRegistrationException("cannot call the method: " + e.getMessage() + METHOD_SEPARATOR
                            + describe(method));
                }
            }
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            handle = handle.bindTo(target);
        }
        return handle.asSpreader(Object[].class, method.getParameterCount())
                .asType(MethodType.methodType(Object.class, Object[].class));
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The class of a parameter's values, or of its elements for a list, set, array or Optional. */
    private static Class<?> elementClass(Type type) {
        Class<?> raw = Types.raw(type);
        if (raw.isArray()) {
            return elementClass(Types.component(type));
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Optional.class || raw == Iterable.class) {
            return elementClass(Types.argument(type, 0));
        }
        return raw;
    }

    /**
     * An object given to a {@link ToolRegistry} cannot serve as tools: it has no {@code @Tool} method, two tools share a
     * name, or a tool method has a signature pev4j cannot call. The message names the method ({@code for method
     * Foo.bar}) and says how to fix it. Thrown when the registry is built, never during a run.
     */
    public static final class ToolRegistrationException extends AgentException {

        public ToolRegistrationException(String message) {
            super(message);
        }
    }
}
