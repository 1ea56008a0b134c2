package dev.pev4j.examples.bench;

import dev.pev4j.examples.bench.BenchData.Customer;
import dev.pev4j.examples.bench.BenchData.Order;
import dev.pev4j.examples.bench.BenchData.Sale;
import dev.pev4j.examples.bench.BenchTask.Call;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The agent benchmark's tasks over {@link BenchData}: twelve questions of three to six DataOps calls each (read_csv,
 * filter, groupby_agg, merge, sort_values, head, nlargest, value_counts, describe, to_datetime, dt_part, select). The
 * expected facts are computed from the records here, replicating pandas' (and DataOps') tie order: groups sorted by
 * key and stable sorts keep key order; value_counts keeps first appearance. Each task's plan is written as the
 * scripted planner replies with it (ReWOO's text form), and must read back the same from the calls parsed out of it.
 */
final class BenchSuite {

    private BenchSuite() {}

    static List<BenchTask> tasks(BenchData data) {
        return List.of(
                topRegions(data),
                westBestProduct(data),
                bigOrdersByStatus(data),
                topCustomers(data),
                segmentShippedMean(data),
                centralStats(data),
                topCountries(data),
                bestMonth(data),
                customersWithoutOrders(data),
                priciestProducts(data),
                returnsBySegment(data),
                topSignupYear(data));
    }

    private static BenchTask topRegions(BenchData data) {
        List<Map.Entry<String, Long>> top =
                sumsDesc(data.sales, Sale::region, Sale::revenue).subList(0, 3);
        return task(
                        "top_regions_by_revenue",
                        "Which 3 regions had the highest total revenue in sales.csv, and what were their totals?",
                        """
                        Plan: Load the sales data.
                        #E1 = read_csv("sales.csv")
                        Plan: Sum the revenue of each region.
                        #E2 = groupby_agg(#E1, ["region"], {"revenue": ["sum"]})
                        Plan: Order the regions by total revenue, highest first.
                        #E3 = sort_values(#E2, ["revenue_sum"], [false])
                        Plan: Keep the top three.
                        #E4 = head(#E3, 3)
                        Criteria:
                        - rows(#E4) == 3
                        - has_column(#E4, "revenue_sum")
                        - sorted(#E4, "revenue_sum", "desc")
                        """)
                .answer(flat(top), "The regions with the highest total revenue are " + list(top) + ".");
    }

    private static BenchTask westBestProduct(BenchData data) {
        List<Sale> west = filter(data.sales, s -> s.region().equals("West"));
        Map.Entry<String, Long> best =
                sumsDesc(west, Sale::product, Sale::units).get(0);
        return task(
                        "west_best_product",
                        "Which product sold the most units in the West region, and how many units was that?",
                        """
                        Plan: Load the sales data.
                        #E1 = read_csv("sales.csv")
                        Plan: Keep the West region's sales.
                        #E2 = filter(#E1, "region == \\"West\\"")
                        Plan: Sum the units of each product.
                        #E3 = groupby_agg(#E2, ["product"], {"units": ["sum"]})
                        Plan: Take the product with the most units.
                        #E4 = nlargest(#E3, 1, ["units_sum"])
                        Criteria:
                        - not_empty(#E2)
                        - rows(#E4) == 1
                        - #E4.units_sum == max(#E3, "units_sum")
                        """)
                .answer(
                        flat(List.of(best)),
                        best.getKey() + " sold the most units in the West: " + best.getValue() + ".");
    }

    private static BenchTask bigOrdersByStatus(BenchData data) {
        List<Order> big = filter(data.orders, o -> o.amount() > 1000);
        List<Map.Entry<String, Long>> counts = countsDesc(big, Order::status);
        return task(
                        "big_orders_by_status",
                        "How many orders with an amount over 1000 does orders.csv have per status?",
                        """
                        Plan: Load the orders.
                        #E1 = read_csv("orders.csv")
                        Plan: Keep the orders over 1000.
                        #E2 = filter(#E1, "amount > 1000")
                        Plan: Count the orders of each status.
                        #E3 = value_counts(#E2, "status")
                        Criteria:
                        - min(#E2, "amount") > 1000
                        - sum(#E3, "count") == rows(#E2)
                        - rows(#E3) <= 4
                        """)
                .answer(flat(counts), "Orders over 1000 by status: " + list(counts) + ".");
    }

    private static BenchTask topCustomers(BenchData data) {
        List<Map.Entry<Integer, Long>> top =
                sumsDesc(data.orders, Order::customerId, Order::amount).subList(0, 5);
        List<String> facts = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : top) {
            String name = data.customer(e.getKey()).name();
            facts.add(Long.toString(e.getValue()));
            facts.add(name);
            named.add(name + " (" + e.getValue() + ")");
        }
        return task(
                        "top_customers_by_amount",
                        "Who are the 5 customers with the highest total order amount, and what are their totals?",
                        """
                        Plan: Load the orders.
                        #E1 = read_csv("orders.csv")
                        Plan: Load the customers.
                        #E2 = read_csv("customers.csv")
                        Plan: Sum the order amounts of each customer.
                        #E3 = groupby_agg(#E1, ["customer_id"], {"amount": ["sum"]})
                        Plan: Add the customers' names.
                        #E4 = merge(#E3, #E2, ["customer_id"])
                        Plan: Take the five largest totals.
                        #E5 = nlargest(#E4, 5, ["amount_sum"])
                        Criteria:
                        - rows(#E4) == rows(#E3)
                        - rows(#E5) == 5
                        - has_column(#E5, "name")
                        - sorted(#E5, "amount_sum", "desc")
                        """)
                .answer(
                        facts,
                        "The customers with the highest total order amount are " + String.join(", ", named) + ".");
    }

    private static BenchTask segmentShippedMean(BenchData data) {
        List<Order> shipped = filter(data.orders, o -> o.status().equals("shipped"));
        List<String> ranking =
                meansDesc(shipped, o -> data.customer(o.customerId()).segment(), Order::amount);
        return task(
                        "segment_with_highest_shipped_mean",
                        "Which customer segment has the highest average amount per shipped order?",
                        """
                        Plan: Load the orders.
                        #E1 = read_csv("orders.csv")
                        Plan: Load the customers.
                        #E2 = read_csv("customers.csv")
                        Plan: Keep the shipped orders.
                        #E3 = filter(#E1, "status == \\"shipped\\"")
                        Plan: Add each order's customer segment.
                        #E4 = merge(#E3, #E2, ["customer_id"])
                        Plan: Average the amount per segment.
                        #E5 = groupby_agg(#E4, ["segment"], {"amount": ["mean"]})
                        Plan: Order the segments by average amount, highest first.
                        #E6 = sort_values(#E5, ["amount_mean"], [false])
                        Criteria:
                        - rows(#E4) == rows(#E3)
                        - not_empty(#E6)
                        - sorted(#E6, "amount_mean", "desc")
                        """)
                .answer(
                        ranking,
                        ranking.get(0) + " has the highest average amount per shipped order, then "
                                + String.join(" and ", ranking.subList(1, ranking.size())) + ".");
    }

    private static BenchTask centralStats(BenchData data) {
        List<Sale> central = filter(data.sales, s -> s.region().equals("Central"));
        long minRevenue = central.stream().mapToLong(Sale::revenue).min().orElseThrow();
        String count = central.size() + ".0";
        return task(
                        "central_sales_statistics",
                        "Describe the Central region's sales: how many are there, and what is the smallest revenue"
                                + " of one?",
                        """
                        Plan: Load the sales data.
                        #E1 = read_csv("sales.csv")
                        Plan: Keep the Central region's sales.
                        #E2 = filter(#E1, "region == \\"Central\\"")
                        Plan: Summarise the numeric columns.
                        #E3 = describe(#E2)
                        Criteria:
                        - not_empty(#E2)
                        - has_column(#E3, "revenue")
                        - rows(#E3) == 8
                        """)
                .answer(
                        List.of("count", count, "min", minRevenue + ".0"),
                        "The Central region has " + central.size() + " sales; the smallest revenue of one is "
                                + minRevenue + ".");
    }

    private static BenchTask topCountries(BenchData data) {
        List<Map.Entry<String, Long>> top = countsDesc(
                        data.orders, o -> data.customer(o.customerId()).country())
                .subList(0, 3);
        return task(
                        "top_countries_by_orders",
                        "Which 3 countries do the most orders come from, and how many orders each?",
                        """
                        Plan: Load the orders.
                        #E1 = read_csv("orders.csv")
                        Plan: Load the customers.
                        #E2 = read_csv("customers.csv")
                        Plan: Add each order's customer country.
                        #E3 = merge(#E1, #E2, ["customer_id"])
                        Plan: Count the orders per country.
                        #E4 = value_counts(#E3, "country")
                        Plan: Keep the top three.
                        #E5 = head(#E4, 3)
                        Criteria:
                        - rows(#E3) == rows(#E1)
                        - rows(#E5) == 3
                        - sorted(#E5, "count", "desc")
                        """)
                .answer(flat(top), "Most orders come from " + list(top) + ".");
    }

    private static BenchTask bestMonth(BenchData data) {
        Map.Entry<Integer, Long> best =
                sumsDesc(data.sales, Sale::month, Sale::revenue).get(0);
        return task(
                        "best_month_by_revenue",
                        "In which month of 2024 was the total revenue in sales.csv highest, and how high was it?",
                        """
                        Plan: Load the sales data.
                        #E1 = read_csv("sales.csv")
                        Plan: Read the date column as dates.
                        #E2 = to_datetime(#E1, "date")
                        Plan: Add the month of each sale.
                        #E3 = dt_part(#E2, "date", "month")
                        Plan: Sum the revenue of each month.
                        #E4 = groupby_agg(#E3, ["date_month"], {"revenue": ["sum"]})
                        Plan: Take the month with the highest total.
                        #E5 = nlargest(#E4, 1, ["revenue_sum"])
                        Criteria:
                        - rows(#E4) <= 12
                        - rows(#E5) == 1
                        - #E5.revenue_sum == max(#E4, "revenue_sum")
                        """)
                .answer(
                        flat(List.of(best)),
                        "Month " + best.getKey() + " had the highest total revenue: " + best.getValue() + ".");
    }

    private static BenchTask customersWithoutOrders(BenchData data) {
        List<Customer> none = new ArrayList<>();
        for (Customer customer : data.customers) {
            if (data.orders.stream().noneMatch(o -> o.customerId() == customer.id())) {
                none.add(customer);
            }
        }
        List<String> facts = new ArrayList<>();
        facts.add(none.size() + " rows");
        for (Customer customer : none.subList(0, Math.min(5, none.size()))) {
            facts.add(customer.name());
        }
        return task(
                        "customers_without_orders",
                        "Which customers have never placed an order, and how many are they?",
                        """
                        Plan: Load the customers.
                        #E1 = read_csv("customers.csv")
                        Plan: Load the orders.
                        #E2 = read_csv("orders.csv")
                        Plan: Join every customer to their orders, keeping customers without any.
                        #E3 = merge(#E1, #E2, ["customer_id"], "left")
                        Plan: Keep the customers without an order.
                        #E4 = filter(#E3, "isnull(order_id)")
                        Plan: Show their id, name and country.
                        #E5 = select(#E4, ["customer_id", "name", "country"])
                        Criteria:
                        - rows(#E3) >= rows(#E2)
                        - nulls(#E4, "order_id") == rows(#E4)
                        - rows(#E5) == rows(#E4)
                        """)
                .answer(
                        facts,
                        none.size() + " customers have never ordered: "
                                + String.join(
                                        ", ", none.stream().map(Customer::name).toList()) + ".");
    }

    private static BenchTask priciestProducts(BenchData data) {
        List<String> top = meansDesc(data.sales, Sale::product, Sale::price).subList(0, 3);
        return task("priciest_products", "Which 3 products have the highest average price in sales.csv?", """
                        Plan: Load the sales data.
                        #E1 = read_csv("sales.csv")
                        Plan: Average the price of each product.
                        #E2 = groupby_agg(#E1, ["product"], {"price": ["mean"]})
                        Plan: Take the three highest averages.
                        #E3 = nlargest(#E2, 3, ["price_mean"])
                        Criteria:
                        - rows(#E2) == %d
                        - rows(#E3) == 3
                        - sorted(#E3, "price_mean", "desc")
                        """.formatted(
                                BenchData.PRODUCTS.size()))
                .answer(top, "The products with the highest average price are " + String.join(", ", top) + ".");
    }

    private static BenchTask returnsBySegment(BenchData data) {
        List<Order> returned = filter(data.orders, o -> o.status().equals("returned"));
        List<Map.Entry<String, Long>> counts =
                countsDesc(returned, o -> data.customer(o.customerId()).segment());
        return task("returns_by_segment", "How many returned orders does each customer segment have, most first?", """
                        Plan: Load the orders.
                        #E1 = read_csv("orders.csv")
                        Plan: Load the customers.
                        #E2 = read_csv("customers.csv")
                        Plan: Keep the returned orders.
                        #E3 = filter(#E1, "status == \\"returned\\"")
                        Plan: Add each order's customer segment.
                        #E4 = merge(#E3, #E2, ["customer_id"])
                        Plan: Count the returned orders per segment.
                        #E5 = value_counts(#E4, "segment")
                        Criteria:
                        - rows(#E4) == rows(#E3)
                        - sum(#E5, "count") == rows(#E3)
                        - sorted(#E5, "count", "desc")
                        """)
                .answer(flat(counts), "Returned orders per segment: " + list(counts) + ".");
    }

    private static BenchTask topSignupYear(BenchData data) {
        List<Order> shipped = filter(data.orders, o -> o.status().equals("shipped"));
        Map.Entry<Integer, Long> best = sumsDesc(
                        shipped, o -> data.customer(o.customerId()).signupYear(), Order::amount)
                .get(0);
        return task(
                        "top_signup_year_by_shipped_amount",
                        "Customers who signed up in which year account for the highest total amount of shipped"
                                + " orders?",
                        """
                        Plan: Load the orders.
                        #E1 = read_csv("orders.csv")
                        Plan: Load the customers.
                        #E2 = read_csv("customers.csv")
                        Plan: Keep the shipped orders.
                        #E3 = filter(#E1, "status == \\"shipped\\"")
                        Plan: Add each order's customer signup year.
                        #E4 = merge(#E3, #E2, ["customer_id"])
                        Plan: Sum the amounts per signup year.
                        #E5 = groupby_agg(#E4, ["signup_year"], {"amount": ["sum"]})
                        Plan: Take the year with the highest total.
                        #E6 = nlargest(#E5, 1, ["amount_sum"])
                        Criteria:
                        - rows(#E4) == rows(#E3)
                        - rows(#E6) == 1
                        - #E6.amount_sum == max(#E5, "amount_sum")
                        """)
                .answer(
                        flat(List.of(best)),
                        "Customers who signed up in " + best.getKey() + " account for the most shipped order amount: "
                                + best.getValue() + ".");
    }

    // ---- a task written as its plan reads ------------------------------------------------------------------------

    /**
     * Starts a task from its plan in ReWOO's text form, as the scripted planner replies with it: {@code Plan:} and
     * {@code #En = tool(args)} lines, then {@code Criteria:} and a {@code - criterion} line each.
     */
    private static TaskWriter task(String name, String question, String plan) {
        List<String> lines = plan.lines().toList();
        int criteriaAt = lines.indexOf("Criteria:");
        List<Call> calls = new ArrayList<>();
        for (int i = 1; i < criteriaAt; i += 2) {
            String call = lines.get(i);
            int open = call.indexOf('(');
            calls.add(new Call(
                    lines.get(i - 1).substring("Plan: ".length()),
                    call.substring(call.indexOf(" = ") + 3, open),
                    call.substring(open + 1, call.length() - 1)));
        }
        List<String> criteria = lines.subList(criteriaAt + 1, lines.size()).stream()
                .map(line -> line.substring("- ".length()))
                .toList();
        return new TaskWriter(name, question, plan, calls, criteria);
    }

    /** A task read from its plan, waiting for the answer computed from the data. */
    private record TaskWriter(String name, String question, String plan, List<Call> calls, List<String> criteria) {

        /**
         * The task, with the answer's facts (in the order they appear) and the answer itself.
         *
         * @throws IllegalStateException when the plan does not read back as written (a line out of form, a step
         *     numbered out of order)
         */
        BenchTask answer(List<String> facts, String answer) {
            BenchTask task = new BenchTask(name, question, calls, criteria, facts, answer);
            if (!task.planText().equals(plan)) {
                throw new IllegalStateException(
                        name + ": the plan reads back as\n" + task.planText() + "not as written:\n" + plan);
            }
            return task;
        }
    }

    // ---- pandas' orders, in plain Java -------------------------------------------------------------------------

    private static <T> List<T> filter(List<T> rows, Predicate<T> keep) {
        return rows.stream().filter(keep).toList();
    }

    /** groupby(key).sum() sorted descending, stably: ties stay in key order. */
    private static <T, K extends Comparable<K>> List<Map.Entry<K, Long>> sumsDesc(
            List<T> rows, Function<T, K> key, ToLongFunction<T> value) {
        Map<K, Long> sums = new TreeMap<>();
        for (T row : rows) {
            sums.merge(key.apply(row), value.applyAsLong(row), Long::sum);
        }
        return descending(sums);
    }

    /** value_counts(): descending, ties in order of first appearance. */
    private static <T, K> List<Map.Entry<K, Long>> countsDesc(List<T> rows, Function<T, K> key) {
        Map<K, Long> counts = new LinkedHashMap<>();
        for (T row : rows) {
            counts.merge(key.apply(row), 1L, Long::sum);
        }
        return descending(counts);
    }

    /** The keys of groupby(key).mean() sorted descending, stably. */
    private static <T, K extends Comparable<K>> List<K> meansDesc(
            List<T> rows, Function<T, K> key, ToDoubleFunction<T> value) {
        Map<K, double[]> sums = new TreeMap<>();
        for (T row : rows) {
            double[] s = sums.computeIfAbsent(key.apply(row), k -> new double[2]);
            s[0] += value.applyAsDouble(row);
            s[1]++;
        }
        return sums.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<K, double[]> e) -> e.getValue()[0] / e.getValue()[1])
                        .reversed())
                .map(Map.Entry::getKey)
                .toList();
    }

    private static <K> List<Map.Entry<K, Long>> descending(Map<K, Long> values) {
        return values.entrySet().stream()
                .sorted(Map.Entry.<K, Long>comparingByValue().reversed())
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }

    /** Key, value, key, value... as a table's rows show them. */
    private static List<String> flat(List<? extends Map.Entry<?, Long>> entries) {
        List<String> facts = new ArrayList<>();
        for (Map.Entry<?, Long> e : entries) {
            facts.add(String.valueOf(e.getKey()));
            facts.add(Long.toString(e.getValue()));
        }
        return facts;
    }

    private static String list(List<? extends Map.Entry<?, Long>> entries) {
        return String.join(
                ", ",
                entries.stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .toList());
    }
}
