package dev.pev4j.tool;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The type variables of a generic tool interface (or superclass) resolved against the class of a tool object: for
 * {@code class DataOps implements DataFrameTools<Table>}, {@code F} is {@code Table}, so {@code F head(F table, ...)}
 * declared on the interface is overridden by {@code Table head(Table table, ...)}. Stateless.
 */
final class GenericTypes {

    private GenericTypes() {}

    /** What each type variable of {@code type}'s superclasses and interfaces stands for in {@code type}. */
    static Map<TypeVariable<?>, Type> bindings(Class<?> type) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        Set<Type> seen = new HashSet<>();
        Deque<Type> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Type current = todo.poll();
            if (!seen.add(current)) {
                continue;
            }
            Class<?> raw = Types.raw(current);
            if (current instanceof ParameterizedType p) {
                // a supertype's arguments name only the variables of the type below it, which came out of the queue
                // before it: resolve them now and each binding is final
                TypeVariable<?>[] variables = raw.getTypeParameters();
                Type[] arguments = p.getActualTypeArguments();
                for (int i = 0; i < variables.length && i < arguments.length; i++) {
                    bindings.putIfAbsent(variables[i], resolve(arguments[i], bindings));
                }
            }
            if (raw.getGenericSuperclass() != null) {
                todo.add(raw.getGenericSuperclass());
            }
            todo.addAll(Arrays.asList(raw.getGenericInterfaces()));
        }
        return bindings;
    }

    /** {@code type} with the bound type variables replaced: {@code List<F>} becomes {@code List<Table>}. */
    static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            return bound == null ? variable : bound;
        }
        if (type instanceof ParameterizedType p) {
            Type[] arguments = p.getActualTypeArguments().clone();
            boolean changed = false;
            for (int i = 0; i < arguments.length; i++) {
                Type resolved = resolve(arguments[i], bindings);
                changed |= !resolved.equals(arguments[i]);
                arguments[i] = resolved;
            }
            return changed ? new Parameterized(Types.raw(p.getRawType()), arguments, p.getOwnerType()) : p;
        }
        if (type instanceof GenericArrayType a) {
            Type component = resolve(a.getGenericComponentType(), bindings);
            if (component instanceof Class<?> c) {
                return Array.newInstance(c, 0).getClass();
            }
            return component.equals(a.getGenericComponentType()) ? a : new GenericArray(component);
        }
        return type;
    }

    /** A type variable of a class or interface that {@code type} still mentions, when it has one. */
    static Optional<TypeVariable<?>> classVariable(Type type) {
        if (type instanceof TypeVariable<?> variable) {
            return variable.getGenericDeclaration() instanceof Class<?> ? Optional.of(variable) : Optional.empty();
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                Optional<TypeVariable<?>> found = classVariable(argument);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (type instanceof GenericArrayType a) {
            return classVariable(a.getGenericComponentType());
        }
        if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                Optional<TypeVariable<?>> found = classVariable(bound);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** A resolved {@code List<Table>}: equal to the JDK's parameterized types of the same raw type and arguments. */
    private record Parameterized(
            Class<?> raw, Type[] arguments, @Nullable Type owner) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public @Nullable Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof ParameterizedType p
                    && raw.equals(p.getRawType())
                    && Objects.equals(owner, p.getOwnerType())
                    && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() { // as the JDK's, so that equal types hash alike
            return Arrays.hashCode(arguments) ^ Objects.hashCode(owner) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getName()
                    + Arrays.stream(arguments).map(Type::getTypeName).collect(Collectors.joining(", ", "<", ">"));
        }
    }

    /** A resolved {@code List<Table>[]}. */
    private record GenericArray(Type component) implements GenericArrayType {

        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public String toString() {
            return component.getTypeName() + "[]";
        }
    }
}
