package dev.pev4j.tool;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reflection helpers for parameter types: raw classes, boxing, short names, what the binder can build. Stateless. */
final class Types {

    private Types() {}

    /** The class of {@code type}: {@code List} for {@code List<String>}, {@code String[]} for {@code String[]}. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof GenericArrayType a) {
            return Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    /** The {@code index}th type argument, or {@code Object} when {@code type} has none. */
    static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** The element type of an array type. */
    static Type component(Type type) {
        if (type instanceof GenericArrayType a) {
            return a.getGenericComponentType();
        }
        Class<?> component = raw(type).getComponentType();
        return component == null ? Object.class : component;
    }

    static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        } else if (c == long.class) {
            return Long.class;
        } else if (c == double.class) {
            return Double.class;
        } else if (c == float.class) {
            return Float.class;
        } else if (c == short.class) {
            return Short.class;
        } else if (c == byte.class) {
            return Byte.class;
        } else if (c == boolean.class) {
            return Boolean.class;
        } else if (c == char.class) {
            return Character.class;
        }
        return Void.class;
    }

    /** A short Java-like name: {@code int}, {@code List<String>}, {@code Map<String, Double>}, {@code Table}. */
    static String name(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return name(c.getComponentType()) + "[]";
            }
            String simple = c.getSimpleName();
            return simple.isEmpty() ? c.getName() : simple;
        }
        if (type instanceof ParameterizedType p) {
            return name(p.getRawType())
                    + Arrays.stream(p.getActualTypeArguments())
                            .map(Types::name)
                            .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof GenericArrayType a) {
            return name(a.getGenericComponentType()) + "[]";
        }
        return type.getTypeName();
    }

    /** Why the binder cannot build values of {@code type}, or empty when it can. */
    static Optional<String> unsupported(Type type) {
        if (type instanceof TypeVariable<?> v) {
            return Optional.of("type variable " + v.getName() + " (the binder needs a concrete type)");
        }
        if (type instanceof WildcardType w) {
            return Optional.of("wildcard " + w.getTypeName() + " (the binder needs a concrete type)");
        }
        if (type instanceof GenericArrayType a) {
            return unsupported(a.getGenericComponentType());
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                Optional<String> problem = unsupported(argument);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return unsupported(c.getComponentType());
            }
            if (c.getTypeParameters().length > 0) {
                return Optional.of("raw type " + name(c) + " (give its type arguments, e.g. " + name(c)
                        + Arrays.stream(c.getTypeParameters())
                                .map(v -> "String")
                                .collect(Collectors.joining(", ", "<", ">"))
                        + ")");
            }
            return Optional.empty();
        }
        return Optional.of("type " + type.getTypeName());
    }
}
