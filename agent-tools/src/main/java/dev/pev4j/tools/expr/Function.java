package dev.pev4j.tools.expr;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The whitelist of functions an expression may call; nothing else is callable. */
enum Function {
    ISNULL("isnull", 1, 1, "isnull(x)"),
    ISNA("isna", 1, 1, "isna(x)"),
    NOTNULL("notnull", 1, 1, "notnull(x)"),
    NOTNA("notna", 1, 1, "notna(x)"),
    CONTAINS("contains", 2, 2, "contains(text, \"part\")"),
    STARTSWITH("startswith", 2, 2, "startswith(text, \"prefix\")"),
    ENDSWITH("endswith", 2, 2, "endswith(text, \"suffix\")"),
    LOWER("lower", 1, 1, "lower(text)"),
    UPPER("upper", 1, 1, "upper(text)"),
    LEN("len", 1, 1, "len(text)"),
    ABS("abs", 1, 1, "abs(x)"),
    ROUND("round", 1, 2, "round(x, 2)"),
    DATE("date", 1, 1, "date(\"2024-01-31\")"),
    WHERE("where", 3, 3, "where(amount > 100, \"big\", \"small\")");

    private final String spelling;
    private final int minArguments;
    private final int maxArguments;
    private final String example;

    Function(String spelling, int minArguments, int maxArguments, String example) {
        this.spelling = spelling;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.example = example;
    }

    String spelling() {
        return spelling;
    }

    int minArguments() {
        return minArguments;
    }

    int maxArguments() {
        return maxArguments;
    }

    String example() {
        return example;
    }

    static Optional<Function> named(String name) {
        return Arrays.stream(values()).filter(f -> f.spelling.equals(name)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Function::spelling).toList();
    }
}
