package dev.pev4j.tool;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.pev4j.AgentException;
import dev.pev4j.internal.Suggestions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The tools an agent may call: the public methods annotated with LangChain4j's {@link Tool} on the objects registered
 * here, and tools described by a JSON schema ({@link JsonSchemaTool}, registered directly or contributed by a
 * {@link JsonSchemaTool.Source} such as a set of MCP servers). It describes them to the planner ({@link #render()},
 * {@link #tools()}), binds plan arguments to their parameters and calls them ({@link #invoke}).
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
    private final List<Object> toolObjects;

    /** A tool and how to call it with its bound arguments, one per parameter. */
    private record Callable(ToolDescriptor descriptor, Call call) {}

    @FunctionalInterface
    private interface Call {
        @Nullable
        Object call(@Nullable Object[] bound) throws Throwable;
    }

    private ToolRegistry(List<Object> toolObjects, Map<String, ToolDescriptor.Effects> declaredEffects) {
        Map<String, Callable> callables = new LinkedHashMap<>();
        Map<String, Method> declaredBy = new LinkedHashMap<>();
        for (Object toolObject : toolObjects) {
            if (toolObject instanceof Class<?> c) {
                throw new ToolRegistrationException("got the class " + c.getName()
                        + " instead of an object: register an instance, e.g. new " + c.getSimpleName() + "()");
            }
            List<JsonSchemaTool> schemaTools = new ArrayList<>();
            if (toolObject instanceof JsonSchemaTool tool) {
                schemaTools.add(tool);
            }
            if (toolObject instanceof JsonSchemaTool.Source source) {
                schemaTools.addAll(source.jsonSchemaTools());
            }
            for (JsonSchemaTool tool : schemaTools) {
                if (callables.containsKey(tool.name())) {
                    throw new ToolRegistrationException("tool name '" + tool.name() + "' is used twice; the second is "
                            + "described by a JSON schema ("
                            + toolObject.getClass().getSimpleName() + ")");
                }
                ToolDescriptor descriptor = tool.descriptor();
                callables.put(
                        tool.name(),
                        new Callable(descriptor, bound -> tool.handler().call(named(descriptor, bound))));
            }
            List<Found> methods = toolObject instanceof JsonSchemaTool ? List.of() : toolMethods(toolObject.getClass());
            if (methods.isEmpty() && schemaTools.isEmpty() && !(toolObject instanceof JsonSchemaTool.Source)) {
                throw new ToolRegistrationException(toolObject.getClass().getName()
                        + " has no public method annotated with @Tool (dev.langchain4j.agent.tool.Tool)");
            }
            for (Found found : methods) {
                Method method = found.method();
                Callable callable = callable(toolObject, found);
                String name = callable.descriptor().name();
                Method previous = declaredBy.putIfAbsent(name, method);
                if (previous == null && callables.containsKey(name)) {
                    throw new ToolRegistrationException("tool name '" + name
                            + "' is used twice; the first is described "
                            + "by a JSON schema; rename the method with @Tool(name = \"...\")" + METHOD_SEPARATOR
                            + describe(method));
                }
                if (previous != null) {
                    throw new ToolRegistrationException("tool name '" + name + "' is used by two methods, "
                            + describe(previous) + " and " + describe(method)
                            + "; rename one with @Tool(name = \"...\")" + METHOD_SEPARATOR + describe(method));
                }
                callables.put(name, callable);
            }
        }
        for (Map.Entry<String, ToolDescriptor.Effects> declared : declaredEffects.entrySet()) {
            Callable callable = callables.get(declared.getKey());
            if (callable == null) {
                List<String> closest = Suggestions.closest(declared.getKey(), List.copyOf(callables.keySet()), 3);
                throw new ToolRegistrationException("effects(\"" + declared.getKey() + "\", " + declared.getValue()
                        + ") names no tool"
                        + (closest.isEmpty() ? "" : "; did you mean " + Suggestions.quotedAlternatives(closest) + "?")
                        + " tools: "
                        + String.join(", ", callables.keySet()));
            }
            callables.put(
                    declared.getKey(),
                    new Callable(callable.descriptor().withEffects(declared.getValue()), callable.call()));
        }
        this.toolObjects = List.copyOf(toolObjects);
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
        private final Map<String, ToolDescriptor.Effects> effects = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Declares the side effects of the tool named {@code tool}, over its {@link SideEffects} annotation: for tools
         * whose source you cannot annotate. {@link #build()} fails when no registered tool has this name.
         */
        public Builder effects(String tool, ToolDescriptor.Effects toolEffects) {
            effects.put(
                    Objects.requireNonNull(tool, "tool == null"),
                    Objects.requireNonNull(toolEffects, "toolEffects == null"));
            return this;
        }

        /**
         * Registers the {@code @Tool} methods of {@code toolObject}; a {@link JsonSchemaTool}, or the tools of a
         * {@link JsonSchemaTool.Source}.
         */
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
            return new ToolRegistry(List.copyOf(toolObjects), Map.copyOf(effects));
        }
    }

    @Override
    public ToolDescriptor.Effects effects(String tool) {
        Callable callable = byName.get(tool);
        return callable == null
                ? ToolDescriptor.Effects.UNDECLARED
                : callable.descriptor().effects();
    }

    /** The tools, in registration order (within one object, by name). */
    public List<ToolDescriptor> tools() {
        return tools;
    }

    /** The objects the tools are on, in registration order (a tool selector reads what their toolkits declare). */
    public List<Object> toolObjects() {
        return toolObjects;
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
        return render(tools);
    }

    /**
     * As {@link #render()}, keeping only the tools in {@code selected} (those a tool selector
     * chose), in registration order whatever their order in {@code selected}.
     */
    public String render(Collection<ToolDescriptor> selected) {
        Set<String> names = new HashSet<>();
        for (ToolDescriptor tool : selected) {
            names.add(tool.name());
        }
        StringBuilder text = new StringBuilder();
        for (ToolDescriptor tool : tools) {
            if (!names.contains(tool.name())) {
                continue;
            }
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
                    notes.add("one of "
                            + Arrays.stream(element.getEnumConstants())
                                    .map(c -> ((Enum<?>) c).name())
                                    .collect(Collectors.joining(", ")));
                }
                if (element.isRecord()) {
                    notes.add("an object "
                            + Arrays.stream(element.getRecordComponents())
                                    .map(c -> c.getName() + ": " + Types.name(c.getGenericType()))
                                    .collect(Collectors.joining(", ", "{", "}")));
                }
                com.fasterxml.jackson.databind.node.ObjectNode schema = parameter.schema();
                if (schema != null && schema.path("enum").isArray()) {
                    List<String> allowed = new ArrayList<>();
                    schema.path("enum").forEach(e -> allowed.add(e.asText()));
                    notes.add("one of " + String.join(", ", allowed));
                }
                parameter.defaultText().ifPresent(d -> notes.add("default " + d));
                if (!notes.isEmpty()) {
                    text.append("    ")
                            .append(parameter.name())
                            .append(": ")
                            .append(String.join("; ", notes))
                            .append('\n');
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
            return callable.call().call(bound);
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

    /** A tool method of a tool object's class and the declaration that carries its {@code @Tool}. */
    private record Found(Method method, Method declaration) {}

    /** The public methods of {@code type} (declared or inherited) that carry {@code @Tool}, by name. */
    private static List<Found> toolMethods(Class<?> type) {
        for (Class<?> c : hierarchy(type)) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Tool.class) && !Modifier.isPublic(method.getModifiers())) {
                    throw new ToolRegistrationException(
                            "a tool method must be public" + METHOD_SEPARATOR + describe(method));
                }
            }
        }
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);
        Map<Class<?>, List<Method>> declarations = new HashMap<>();
        List<Found> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (!method.isBridge() && !method.isSynthetic()) {
                annotated(method, bindings, declarations)
                        .ifPresent(declaration -> methods.add(new Found(method, declaration)));
            }
        }
        methods.sort(Comparator.comparing((Found f) -> toolName(f.declaration()))
                .thenComparingInt(f -> f.method().getParameterCount()));
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
     * superclass or interface (annotations on methods are not inherited), also through a generic interface whose type
     * variables the tool object's class binds ({@code F head(F table)} overridden by {@code Table head(Table table)}).
     */
    private static Optional<Method> annotated(
            Method method, Map<TypeVariable<?>, Type> bindings, Map<Class<?>, List<Method>> declarations) {
        for (Class<?> c : hierarchy(method.getDeclaringClass())) {
            for (Method declared : declarations.computeIfAbsent(c, ToolRegistry::toolDeclarations)) {
                if (declared.getName().equals(method.getName()) && overrides(method, declared, bindings)) {
                    return Optional.of(declared);
                }
            }
        }
        return Optional.empty();
    }

    /** The methods {@code c} itself declares with {@code @Tool}, bridges left out: read once per registration. */
    private static List<Method> toolDeclarations(Class<?> c) {
        List<Method> found = new ArrayList<>();
        for (Method declared : c.getDeclaredMethods()) {
            if (declared.isAnnotationPresent(Tool.class) && !declared.isBridge()) {
                found.add(declared);
            }
        }
        return found;
    }

    /** Whether {@code method} takes the parameters of {@code declared}, its type variables resolved. */
    private static boolean overrides(Method method, Method declared, Map<TypeVariable<?>, Type> bindings) {
        Class<?>[] types = method.getParameterTypes();
        Class<?>[] declaredTypes = declared.getParameterTypes();
        if (types.length != declaredTypes.length) {
            return false;
        }
        Type[] generic = declared.getGenericParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i] != declaredTypes[i] && types[i] != Types.raw(GenericTypes.resolve(generic[i], bindings))) {
                return false;
            }
        }
        return true;
    }

    private static String toolName(Method declaration) {
        String name = declaration.getAnnotation(Tool.class).name();
        return name.isBlank() ? declaration.getName() : name;
    }

    private static Callable callable(Object target, Found found) {
        Method method = found.method();
        Method declaration = found.declaration();
        requireBound(target.getClass(), method, declaration);
        ToolSpecification specification;
        try {
            specification = resolved(ToolSpecifications.toolSpecificationFrom(declaration), declaration, target);
        } catch (RuntimeException e) {
            throw new ToolRegistrationException(e.getMessage() + METHOD_SEPARATOR + describe(method));
        }
        List<ToolParameter> parameters = new ArrayList<>();
        Set<String> specified = specification.parameters() == null
                ? Set.of()
                : specification.parameters().properties().keySet();
        Parameter[] declared = declaration.getParameters();
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(target.getClass());
        Type[] types = resolved(method.getGenericParameterTypes(), bindings);
        for (int i = 0; i < declared.length; i++) {
            parameters.add(parameter(declared[i], types[i], specified, method));
        }
        Tool tool = declaration.getAnnotation(Tool.class);
        String description = String.join("\n", tool.value());
        ToolDescriptor descriptor = new ToolDescriptor(
                specification.name(),
                description,
                parameters,
                GenericTypes.resolve(method.getGenericReturnType(), bindings),
                specification,
                effects(target.getClass(), method, declaration));
        MethodHandle handle = handle(target, method, declaration);
        return new Callable(descriptor, bound -> (Object) handle.invokeExact(bound));
    }

    /**
     * Fails when {@code declaration} is on a generic type whose type variables {@code type} leaves open (it implements
     * the raw type, or passes a type variable of its own on): the tool's parameters would then have no type to bind.
     */
    private static void requireBound(Class<?> type, Method method, Method declaration) {
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);
        List<Type> types = new ArrayList<>(Arrays.asList(declaration.getGenericParameterTypes()));
        types.add(declaration.getGenericReturnType());
        for (Type declared : types) {
            Optional<TypeVariable<?>> open = GenericTypes.classVariable(GenericTypes.resolve(declared, bindings));
            if (open.isPresent()) {
                Class<?> owner = (Class<?>) open.get().getGenericDeclaration();
                String generic = owner.getSimpleName()
                        + Arrays.stream(owner.getTypeParameters())
                                .map(TypeVariable::getName)
                                .collect(Collectors.joining(", ", "<", ">"));
                throw new ToolRegistrationException("tool '" + toolName(declaration) + "' is declared on " + generic
                        + ", but " + type.getName() + " does not say what "
                        + open.get().getName()
                        + " is (it implements the raw type or passes a type variable on); implement "
                        + owner.getSimpleName() + " with a concrete type, e.g. implements " + owner.getSimpleName()
                        + "<MyTable>" + METHOD_SEPARATOR + describe(method));
            }
        }
    }

    /**
     * {@code types} with the type variables the tool object's class binds resolved: an implementation's types are
     * concrete already, a default method of a generic interface still says {@code F}.
     */
    private static Type[] resolved(Type[] types, Map<TypeVariable<?>, Type> bindings) {
        Type[] resolved = new Type[types.length];
        for (int i = 0; i < types.length; i++) {
            resolved[i] = GenericTypes.resolve(types[i], bindings);
        }
        return resolved;
    }

    /**
     * {@code specification} with the schemas of the parameters declared with a type variable built from the types the
     * tool object's class binds them to, as LangChain4j builds them for a method declared with those types.
     */
    private static ToolSpecification resolved(ToolSpecification specification, Method declaration, Object target) {
        Type[] declared = declaration.getGenericParameterTypes();
        Type[] types = resolved(declared, GenericTypes.bindings(target.getClass()));
        Parameter[] parameters = declaration.getParameters();
        if (specification.parameters() == null
                || Arrays.stream(declared)
                        .noneMatch(t -> GenericTypes.classVariable(t).isPresent())) {
            return specification;
        }
        Map<String, JsonSchemaElement> properties =
                new LinkedHashMap<>(specification.parameters().properties());
        Map<Class<?>, JsonSchemaElementUtils.VisitedClassMetadata> visited = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i++) {
            P p = parameters[i].getAnnotation(P.class);
            String name = p != null && !p.name().isBlank() ? p.name() : parameters[i].getName();
            if (GenericTypes.classVariable(declared[i]).isEmpty() || !properties.containsKey(name)) {
                continue;
            }
            Type type = types[i];
            if (Types.raw(type) == Optional.class) {
                type = Types.argument(type, 0);
            }
            String description = p == null ? null : (p.description().isBlank() ? p.value() : p.description());
            properties.put(
                    name,
                    JsonSchemaElementUtils.jsonSchemaElementFrom(
                            Types.raw(type),
                            type,
                            description == null || description.isBlank() ? null : description,
                            true,
                            visited));
        }
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .description(specification.parameters().description())
                .addProperties(properties)
                .required(specification.parameters().required())
                .additionalProperties(specification.parameters().additionalProperties())
                .definitions(specification.parameters().definitions())
                .build();
        return specification.toBuilder().parameters(schema).build();
    }

    /**
     * The effects declared with {@link SideEffects}: on the method (or the declaration it overrides), else on the
     * tool object's class or the class that declares the method, else undeclared.
     */
    private static ToolDescriptor.Effects effects(Class<?> type, Method method, Method declaration) {
        SideEffects declared = method.getAnnotation(SideEffects.class);
        if (declared == null) {
            declared = declaration.getAnnotation(SideEffects.class);
        }
        for (Class<?> c = type; declared == null && c != null; c = c.getSuperclass()) {
            declared = c.getAnnotation(SideEffects.class);
        }
        if (declared == null) {
            declared = declaration.getDeclaringClass().getAnnotation(SideEffects.class);
        }
        if (declared == null) {
            return ToolDescriptor.Effects.UNDECLARED;
        }
        return declared.value() ? ToolDescriptor.Effects.WRITES : ToolDescriptor.Effects.NONE;
    }

    private static ToolParameter parameter(Parameter parameter, Type type, Set<String> specified, Method method) {
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
            throw new ToolRegistrationException("parameter '" + name + "' of type " + Types.name(type)
                    + " is filled in by LangChain4j AI services, which pev4j does not support; remove it"
                    + METHOD_SEPARATOR + describe(method));
        }
        Optional<String> unsupported = Types.unsupported(type);
        if (unsupported.isPresent()) {
            throw new ToolRegistrationException("parameter '" + name + "' has a type the argument binder cannot build: "
                    + unsupported.get() + METHOD_SEPARATOR + describe(method));
        }
        String description = p == null ? "" : (p.description().isBlank() ? p.value() : p.description());
        String defaultValue = p == null || P.NO_DEFAULT.equals(p.defaultValue()) ? null : p.defaultValue();
        Class<?> raw = Types.raw(type);
        boolean required = raw != Optional.class && defaultValue == null && (p == null || p.required());
        if (!required && defaultValue == null && raw.isPrimitive()) {
            throw new ToolRegistrationException(
                    "parameter '" + name + "' may be left out (@P(required = false)) but its type "
                            + raw.getName() + " cannot be null; use "
                            + Types.box(raw).getSimpleName()
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

    /** The arguments given (not null), by parameter name, for a {@link JsonSchemaTool.Handler}. */
    private static Map<String, @Nullable Object> named(ToolDescriptor descriptor, @Nullable Object[] bound) {
        Map<String, @Nullable Object> named = new LinkedHashMap<>();
        for (int i = 0; i < bound.length; i++) {
            if (bound[i] != null) {
                named.put(descriptor.parameters().get(i).name(), bound[i]);
            }
        }
        return named;
    }

    /** A handle taking one {@code Object[]} of bound arguments and returning {@code Object} ({@code null} for void). */
    private static MethodHandle handle(Object target, Method method, Method declaration) {
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublicClass) {
            // A public method of a class that is not public (a nested or anonymous class): reach it through the
            // public declaration it overrides, or make it accessible, which works on the class path and in open
            // packages.
            try {
                handle = MethodHandles.publicLookup().unreflect(declaration);
            } catch (IllegalAccessException alsoNotPublic) {
                if (!method.trySetAccessible()) {
                    throw new ToolRegistrationException(
                            "the class " + method.getDeclaringClass().getName()
                                    + " is not accessible to pev4j: make it public in a package its module exports,"
                                    + " or open its package to dev.pev4j.core"
                                    + METHOD_SEPARATOR + describe(method));
                }
                try {
                    handle = MethodHandles.lookup().unreflect(method);
                } catch (IllegalAccessException e) {
                    throw new ToolRegistrationException(
                            "cannot call the method: " + e.getMessage() + METHOD_SEPARATOR + describe(method));
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
