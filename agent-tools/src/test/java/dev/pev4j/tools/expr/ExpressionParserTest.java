package dev.pev4j.tools.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    static String tree(String text) {
        return Expression.parse(text).tree();
    }

    @Test
    void arithmetic_binds_tighter_than_comparison_and_multiplication_tighter_than_addition() {
        assertThat(tree("a + b * c > 2")).isEqualTo("(> (+ a (* b c)) 2)");
        assertThat(tree("(a + b) * c")).isEqualTo("(* (+ a b) c)");
        assertThat(tree("a % 2 == 0")).isEqualTo("(== (% a 2) 0)");
    }

    @Test
    void binary_operators_associate_to_the_left() {
        assertThat(tree("a - b - c")).isEqualTo("(- (- a b) c)");
        assertThat(tree("a / b * c")).isEqualTo("(* (/ a b) c)");
        assertThat(tree("a or b or c")).isEqualTo("(or (or a b) c)");
    }

    @Test
    void not_binds_tighter_than_and_which_binds_tighter_than_or() {
        assertThat(tree("a or b and not c")).isEqualTo("(or a (and b (not c)))");
        assertThat(tree("not a == 1")).isEqualTo("(not (== a 1))");
    }

    @Test
    void ampersand_and_bar_bind_like_and_and_or_as_in_pandas_query() {
        assertThat(tree("a > 1 & b == 'y' | a == 1")).isEqualTo("(or (and (> a 1) (== b 'y')) (== a 1))");
        assertThat(tree("~(a > 1)")).isEqualTo("(not (> a 1))");
    }

    @Test
    void chained_comparisons_mean_and_as_in_python() {
        assertThat(tree("1 < a < 3")).isEqualTo("(and (< 1 a) (< a 3))");
        assertThat(tree("0 <= a <= b < 9")).isEqualTo("(and (and (<= 0 a) (<= a b)) (< b 9))");
    }

    @Test
    void unary_minus_binds_tighter_than_multiplication_and_folds_into_numbers() {
        assertThat(tree("-a * 2")).isEqualTo("(* (- a) 2)");
        assertThat(tree("2 - -3")).isEqualTo("(- 2 -3)");
        assertThat(tree("- - 1.5")).isEqualTo("1.5");
        assertThat(tree("+a")).isEqualTo("(+ a)");
    }

    @Test
    void reads_every_kind_of_literal() {
        assertThat(tree("[42, 1.5, .5, 5., 2e3, 1E-2, 'a', \"b\", True, False, true, false, None, null]"
                        .replace("[", "x in (")
                        .replace("]", ")")))
                .isEqualTo("(in x [42, 1.5, 0.5, 5.0, 2000.0, 0.01, 'a', 'b', True, False, True, False, None, None])");
        assertThat(tree("d >= date(\"2024-01-31\")")).isEqualTo("(>= d date('2024-01-31'))");
        assertThat(tree("d < date('2024-01-31 13:45')")).isEqualTo("(< d date('2024-01-31T13:45'))");
    }

    @Test
    void strings_take_either_quote_and_backslash_escapes() {
        assertThat(tree("a == 'it\\'s'")).isEqualTo("(== a 'it\\'s')");
        assertThat(tree("a == \"say \\\"hi\\\"\"")).isEqualTo("(== a 'say \"hi\"')");
        assertThat(tree("a == \"it's\"")).isEqualTo("(== a 'it\\'s')");
        assertThat(tree("a == 'tab\\there'")).isEqualTo("(== a 'tab\there')");
    }

    @Test
    void column_names_are_unicode_words_or_backquoted() {
        assertThat(tree("prix_unitaire > 0 and 売上 > 1 and _x1 == Größe"))
                .isEqualTo("(and (and (> prix_unitaire 0) (> 売上 1)) (== _x1 Größe))");
        assertThat(tree("`unit price` * `and` > `2024`")).isEqualTo("(> (* `unit price` `and`) `2024`)");
    }

    @Test
    void in_and_not_in_take_round_or_square_brackets_and_a_trailing_comma() {
        assertThat(tree("region in ('N', 'S')")).isEqualTo("(in region ['N', 'S'])");
        assertThat(tree("region not in [\"N\",]")).isEqualTo("(not in region ['N'])");
        assertThat(tree("units in ()")).isEqualTo("(in units [])");
        assertThat(tree("units in (-1, 2) and x")).isEqualTo("(and (in units [-1, 2]) x)");
    }

    @Test
    void calls_the_whitelisted_functions() {
        assertThat(tree("isnull(a) or notnull(b) or isna(c) or notna(d)"))
                .isEqualTo("(or (or (or (isnull a) (notnull b)) (isna c)) (notna d))");
        assertThat(tree("contains(lower(name), 'x') and len(name) > round(abs(p), 2)"))
                .isEqualTo("(and (contains (lower name) 'x') (> (len name) (round (abs p) 2)))");
        assertThat(tree("startswith(upper(a), 'A') | endswith(a, 'z') | round(p) == date(d)"))
                .isEqualTo("(or (or (startswith (upper a) 'A') (endswith a 'z')) (== (round p) (date d)))");
    }

    @Test
    void lists_the_columns_it_reads_in_order_of_first_use() {
        assertThat(Expression.parse("b > 1 and len(a) > 2 or b in (1) and `c d` == a")
                        .columns())
                .containsExactly("b", "a", "c d");
    }

    @Test
    void an_extra_closing_parenthesis_names_its_column() {
        ExpressionException e =
                catchThrowableOfType(ExpressionException.class, () -> Expression.parse("amount > 100)"));

        assertThat(e).hasMessage("unexpected ')' at column 13 in: amount > 100)");
        assertThat(e.position()).hasValue(13);
        assertThat(e.token()).hasValue(")");
        assertThat(e.expression()).isEqualTo("amount > 100)");
    }

    @Test
    void a_missing_operand_or_parenthesis_says_what_was_expected() {
        assertThatThrownBy(() -> Expression.parse("amount >"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("unexpected end of expression at column 9 in: amount >; "
                        + "expected a column, a value or '('");
        assertThatThrownBy(() -> Expression.parse("(a > 1 and b"))
                .hasMessage("unexpected end of expression at column 13 in: (a > 1 and b; "
                        + "expected ')' to close the '(' at column 1");
        assertThatThrownBy(() -> Expression.parse("a > * 2"))
                .hasMessage("unexpected '*' at column 5 in: a > * 2; expected a column, a value or '('");
        assertThatThrownBy(() -> Expression.parse("a > 1 b"))
                .hasMessage("unexpected 'b' at column 7 in: a > 1 b; quote text that has spaces, e.g. "
                        + "\"North America\", and backquote column names that have spaces, e.g. `unit price`");
        assertThatThrownBy(() -> Expression.parse("a in 1"))
                .hasMessage("unexpected '1' at column 6 in: a in 1; write a list after 'in', e.g. (1, 2) or "
                        + "[\"a\", \"b\"]");
        assertThatThrownBy(() -> Expression.parse("a not in (1, b)"))
                .hasMessage("the list after 'not in' may hold only values such as 1, \"x\" or date(\"2024-01-31\"), "
                        + "not 'b' at column 14 in: a not in (1, b)");
    }

    @Test
    void columns_count_code_points_not_chars() {
        assertThatThrownBy(() -> Expression.parse("😀 == 1)"))
                .hasMessage("unexpected character '😀' at column 1 in: 😀 == 1)");
        assertThatThrownBy(() -> Expression.parse("ü == 1)")).hasMessage("unexpected ')' at column 7 in: ü == 1)");
    }

    @Test
    void common_mistakes_get_a_hint() {
        assertThatThrownBy(() -> Expression.parse("a = 1"))
                .hasMessage("unexpected character '=' at column 3 in: a = 1; did you mean '=='?");
        assertThatThrownBy(() -> Expression.parse("a && b"))
                .hasMessage("operator '&&' is not supported at column 3 in: a && b; write 'and' (or '&')");
        assertThatThrownBy(() -> Expression.parse("a ** 2"))
                .hasMessage("operator '**' is not supported at column 3 in: a ** 2; operators: "
                        + "== != < <= > >= + - * / % and or not in & | ~");
        assertThatThrownBy(() -> Expression.parse("!a"))
                .hasMessage("unexpected character '!' at column 1 in: !a; did you mean '!=' or 'not'?");
        assertThatThrownBy(() -> Expression.parse("name.str.contains('x')"))
                .hasMessage("unexpected character '.' at column 5 in: name.str.contains('x'); methods cannot be "
                        + "called, use a function instead, e.g. contains(name, \"x\"); functions: isnull, isna, "
                        + "notnull, notna, contains, startswith, endswith, lower, upper, len, abs, round, date, where");
        assertThatThrownBy(() -> Expression.parse("a > @limit"))
                .hasMessage("unexpected character '@' at column 5 in: a > @limit; variables are not supported, "
                        + "write the value itself");
        assertThatThrownBy(() -> Expression.parse("a == 'North"))
                .hasMessage("unterminated string at column 6 in: a == 'North; close it with '");
        assertThatThrownBy(() -> Expression.parse("`unit price > 1"))
                .hasMessage("unterminated column name at column 1 in: `unit price > 1; close it with `");
        assertThatThrownBy(() -> Expression.parse("2nd > 1"))
                .hasMessage("unexpected '2nd' at column 1 in: 2nd > 1; a column name cannot start with a digit "
                        + "unless backquoted, e.g. `2nd`");
        assertThatThrownBy(() -> Expression.parse("a > and"))
                .hasMessage("unexpected 'and' at column 5 in: a > and; expected a column, a value or '(' "
                        + "(a column named and is written `and`)");
    }

    @Test
    void an_unknown_function_lists_the_allowed_ones() {
        ExpressionException e =
                catchThrowableOfType(ExpressionException.class, () -> Expression.parse("lenght(name) > 3"));

        assertThat(e)
                .hasMessage("unknown function 'lenght' at column 1 in: lenght(name) > 3; did you mean 'len'? "
                        + "functions: isnull, isna, notnull, notna, contains, startswith, endswith, lower, upper, len, abs, "
                        + "round, date, where");
        assertThat(e.token()).hasValue("lenght");
        assertThatThrownBy(() -> Expression.parse("exec('rm -rf /')"))
                .hasMessage("unknown function 'exec' at column 1 in: exec('rm -rf /'); functions: isnull, isna, "
                        + "notnull, notna, contains, startswith, endswith, lower, upper, len, abs, round, date, where");
    }

    @Test
    void function_arguments_are_checked_when_parsing() {
        assertThatThrownBy(() -> Expression.parse("len(a, b)"))
                .hasMessage("len takes 1 argument but got 2 at column 1 in: len(a, b); e.g. len(text)");
        assertThatThrownBy(() -> Expression.parse("contains(a)"))
                .hasMessage("contains takes 2 arguments but got 1 at column 1 in: contains(a); "
                        + "e.g. contains(text, \"part\")");
        assertThatThrownBy(() -> Expression.parse("round()"))
                .hasMessage("round takes 1 or 2 arguments but got 0 at column 1 in: round(); e.g. round(x, 2)");
        assertThatThrownBy(() -> Expression.parse("round(p, n)"))
                .hasMessage("round takes a whole number of digits, not 'n' at column 10 in: round(p, n); "
                        + "e.g. round(x, 2)");
        assertThatThrownBy(() -> Expression.parse("d > date('2024-13-01')"))
                .hasMessage("'2024-13-01' is not a date at column 10 in: d > date('2024-13-01'); write yyyy-mm-dd "
                        + "or yyyy-mm-dd hh:mm:ss, e.g. date(\"2024-01-31\")");
    }

    @Test
    void empty_and_overlong_expressions_are_rejected() {
        assertThatThrownBy(() -> Expression.parse("  "))
                .hasMessage("expression is empty; write e.g. amount > 100 and region == \"North\"");
        assertThatThrownBy(() -> Expression.parse("a".repeat(10_001)))
                .hasMessage("expression is 10001 characters long; the limit is 10000");
        assertThatThrownBy(() -> Expression.parse("a > 99999999999999999999"))
                .hasMessage("number 99999999999999999999 is too large at column 5 in: a > 99999999999999999999; "
                        + "whole numbers go up to 9223372036854775807, write 1e20 for a float");
    }

    @Test
    void deep_nesting_is_an_error_not_a_stack_overflow() {
        String parens = "(".repeat(4000) + "a" + ")".repeat(4000);
        String nots = "not ".repeat(2000) + "a";
        String minus = "-".repeat(5000) + "a";
        String sum = "a" + " + a".repeat(2000);

        assertThat(tree("(".repeat(50) + "a" + ")".repeat(50))).isEqualTo("a");
        assertThatThrownBy(() -> Expression.parse(parens))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("expression nests more than 100 levels deep at column 101 in: (((")
                .hasMessageEndingWith(")))); split it into steps");
        assertThatThrownBy(() -> Expression.parse(nots))
                .hasMessageStartingWith("expression nests more than 100 levels deep at column 401 in: not not");
        assertThatThrownBy(() -> Expression.parse(minus)).isInstanceOf(ExpressionException.class);
        assertThatThrownBy(() -> Expression.parse(sum))
                .hasMessageStartingWith("expression nests more than 100 levels deep at column 1 in: a + a");
    }

    @Test
    void random_garbage_only_ever_raises_expression_exceptions() {
        String alphabet = "ab_`'\"\\()[],.+-*/%<>=!&|~@ 0123456789eE\tüß😀"
                + " and or not in True None date len round isnull contains ";
        int[] points = alphabet.codePoints().toArray();
        String[] words = {" and ", " or ", " not ", " in ", "(", ")", "date(", "len(", "'x'", "==", "1.5e", "`"};
        Random random = new Random(20240131L);

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 5000; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int j = 0; j < length; j++) {
                    if (random.nextInt(4) == 0) {
                        text.append(words[random.nextInt(words.length)]);
                    } else {
                        text.appendCodePoint(points[random.nextInt(points.length)]);
                    }
                }
                String input = text.toString();
                try {
                    Expression expression = Expression.parse(input);
                    assertThat(expression.tree()).isNotEmpty();
                    expression.evaluate(ExpressionEvaluationTest.sales(), "x");
                } catch (ExpressionException expected) {
                    assertThat(expected.getMessage()).as(input).isNotBlank();
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("input " + input + " raised " + e, e);
                }
            }
        });
    }
}
