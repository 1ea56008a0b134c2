package dev.pev4j.tools.expr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The whitelist of functions an expression may call; nothing else is callable. */
enum Function {
    ISNULL(1, 1, "isnull(x)"),
    ISNA(1, 1, "isna(x)"),
    NOTNULL(1, 1, "notnull(x)"),
    NOTNA(1, 1, "notna(x)"),
    CONTAINS(2, 2, "contains(text, \"part\")"),
    STARTSWITH(2, 2, "startswith(text, \"prefix\")"),
    ENDSWITH(2, 2, "endswith(text, \"suffix\")"),
    LOWER(1, 1, "lower(text)"),
    UPPER(1, 1, "upper(text)"),
    LEN(1, 1, "len(text)"),
    ABS(1, 1, "abs(x)"),
    ROUND(1, 2, "round(x, 2)"),
    DATE(1, 1, "date(\"2024-01-31\")"),
    WHERE(3, 3, "where(amount > 100, \"big\", \"small\")");

    private final int minArguments;
    private final int maxArguments;
    private final String example;

    Function(int minArguments, int maxArguments, String example) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.example = example;
    }

    /** How an expression writes it: the constant's name in lower case. */
    String spelling() {
        return name().toLowerCase(Locale.ROOT);
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
        return Arrays.stream(values()).filter(f -> f.spelling().equals(name)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Function::spelling).toList();
    }
}
