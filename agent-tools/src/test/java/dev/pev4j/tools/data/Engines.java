package dev.pev4j.tools.data;

import dev.pev4j.tools.workspace.Workspace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/** The engines the parity tests run on; each makes {@link Ops} over a workspace. */
enum Engines {
    TABLESAW,
    DUCKDB,
    SPARK;

    /** Spark in this JVM: one SparkContext for all tests, two cores, each test on a session of its own. */
    static final Engine.Spark LOCAL_SPARK = new Engine.Spark("local[2]");

    Ops open(Path root) {
        Workspace workspace = Workspace.of(root);
        if (this == TABLESAW) {
            DataOps data = DataOps.in(workspace);
            return proxy((method, args) -> method.getName().equals("close")
                    ? null
                    : result(method, call(data, target(DataOps.class, method, Table.class), args)));
        }
        SqlDataOps duck = SqlDataOps.open(workspace, this == DUCKDB ? new Engine.DuckDb("1GB", 2) : LOCAL_SPARK);
        return proxy((method, args) -> {
            if (method.getName().equals("close")) {
                duck.close();
                return null;
            }
            Object[] converted = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                converted[i] = toDuck(duck, args[i]);
            }
            Object result = call(duck, target(SqlDataOps.class, method, Relation.class), converted);
            return result(method, result instanceof Relation relation ? relation.toTable() : result);
        });
    }

    /**
     * The method of {@code engine} that {@code method} of {@link Ops} stands for: the same name, and parameters that
     * take its arguments once tables are the engine's ({@code frame}); a tool or a Java convenience of {@link
     * DataFrameTools} (whose parameters erase to {@code Object}), never a bridge.
     */
    private static Method target(Class<?> engine, Method method, Class<?> frame) {
        Class<?>[] wanted = method.getParameterTypes();
        for (Method candidate : engine.getMethods()) {
            if (!candidate.getName().equals(method.getName())
                    || candidate.isBridge()
                    || candidate.getParameterCount() != wanted.length) {
                continue;
            }
            Class<?>[] types = candidate.getParameterTypes();
            boolean fits = true;
            for (int i = 0; i < types.length && fits; i++) {
                Class<?> given = wanted[i] == Table.class ? frame : wanted[i];
                fits = types[i].isAssignableFrom(given);
            }
            if (fits) {
                return candidate;
            }
        }
        throw new AssertionError(engine.getSimpleName() + " has no method for " + method);
    }

    /** {@code shape} as the tests compare it, {@code [rows, columns]} in ints; other results as they are. */
    private static Object result(Method method, Object result) {
        if (method.getName().equals("shape")) {
            List<Integer> shape = new ArrayList<>();
            for (Object n : (List<?>) result) {
                shape.add(Math.toIntExact((Long) n));
            }
            return shape;
        }
        return result;
    }

    private static Object toDuck(SqlDataOps duck, Object value) {
        if (value instanceof Table table) {
            return duck.fromTable(table);
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Table) {
            List<Relation> relations = new ArrayList<>();
            for (Object table : list) {
                relations.add(duck.fromTable((Table) table));
            }
            return relations;
        }
        return value;
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static Ops proxy(Handler handler) {
        return (Ops) Proxy.newProxyInstance(
                Ops.class.getClassLoader(), new Class<?>[] {Ops.class}, (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "Ops" : method.invoke(handler, args);
                    }
                    if (method.getName().equals("close") && args == null) {
                        return handler.handle(method, new Object[0]);
                    }
                    return handler.handle(method, args == null ? new Object[0] : args);
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close") && !(target instanceof AutoCloseable)) {
            return null;
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
