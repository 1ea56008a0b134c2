package dev.pev4j.tools.data;

import dev.pev4j.tools.workspace.Workspace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import tech.tablesaw.api.Table;

/** The engines the parity tests run on; each makes {@link Ops} over a workspace. */
enum Engines {
    TABLESAW,
    DUCKDB,
    SPARK;

    /**
     * Tools the SQL engines do not offer yet, each skipped with this reason (agent-tools/README.md tables them).
     */
    static final String NOT_ON_DUCKDB =
            "not on the SQL engines (DuckDB, Spark) yet (issue 17; agent-tools/README.md, \"Engines\")";

    /** Spark in this JVM: one SparkContext for all tests, two cores, each test on a session of its own. */
    static final Engine.Spark LOCAL_SPARK = new Engine.Spark("local[2]");

    /**
     * The reason the running test called a tool its engine does not have; {@link SkipMissingTools} turns the test's
     * failure into a skip (a test asserting on a thrown error would otherwise see the abort as the wrong error).
     */
    static final ThreadLocal<String> MISSING_TOOL = new ThreadLocal<>();

    Ops open(Path root) {
        Workspace workspace = Workspace.of(root);
        if (this == TABLESAW) {
            DataOps data = DataOps.in(workspace);
            return proxy((method, args) -> method.getName().equals("close")
                    ? null
                    : call(data, DataOps.class.getMethod(method.getName(), method.getParameterTypes()), args));
        }
        SqlDataOps duck = SqlDataOps.open(workspace, this == DUCKDB ? new Engine.DuckDb("1GB", 2) : LOCAL_SPARK);
        return proxy((method, args) -> {
            if (method.getName().equals("close")) {
                duck.close();
                return null;
            }
            Method target = null;
            for (Method candidate : SqlDataOps.class.getMethods()) {
                if (candidate.getName().equals(method.getName())
                        && candidate.getParameterCount() == method.getParameterCount()) {
                    target = candidate;
                }
            }
            if (target == null) {
                String reason = method.getName() + " is " + NOT_ON_DUCKDB;
                MISSING_TOOL.set(reason);
                Assumptions.abort(reason);
            }
            Object[] converted = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                converted[i] = toDuck(duck, args[i]);
            }
            Object result = call(duck, target, converted);
            if (result instanceof Relation relation) {
                return relation.toTable();
            }
            if (method.getName().equals("shape")) {
                List<Integer> shape = new ArrayList<>();
                for (Object n : (List<?>) result) {
                    shape.add(Math.toIntExact((Long) n));
                }
                return shape;
            }
            return result;
        });
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
