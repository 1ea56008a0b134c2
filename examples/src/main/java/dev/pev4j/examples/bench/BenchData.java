package dev.pev4j.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The agent benchmark's data: {@code sales.csv}, {@code orders.csv} and {@code customers.csv}, generated from a seed,
 * kept in memory as records too, so that each task's expected answer is computed here in plain Java, independently of
 * the tools. Immutable.
 */
final class BenchData {

    static final List<String> REGIONS = List.of("North", "South", "East", "West", "Central");
    static final List<String> PRODUCTS =
            List.of("Laptop", "Monitor", "Keyboard", "Mouse", "Headset", "Webcam", "Dock", "Tablet");
    private static final int[] BASE_PRICES = {900, 250, 60, 25, 80, 70, 180, 400};
    static final List<String> SEGMENTS = List.of("Consumer", "Corporate", "Home Office");
    static final List<String> COUNTRIES = List.of("Germany", "France", "Spain", "Italy", "Poland", "Netherlands");
    private static final List<String> NAMES = List.of(
            "Acme",
            "Globex",
            "Initech",
            "Umbrella",
            "Hooli",
            "Vandelay",
            "Stark",
            "Wayne",
            "Tyrell",
            "Cyberdyne",
            "Soylent",
            "Wonka");
    /** Statuses and their weights in percent. */
    private static final Map<String, Integer> STATUSES =
            Map.of("shipped", 70, "pending", 12, "cancelled", 10, "returned", 8);

    private static final List<String> STATUS_ORDER = List.of("shipped", "pending", "cancelled", "returned");

    /** How many rows each file gets. */
    record Size(int sales, int orders, int customers) {
        static final Size DEFAULT = new Size(400, 600, 120);
        static final Size SMALL = new Size(80, 120, 30);

        Size {
            if (sales < REGIONS.size() * PRODUCTS.size()) {
                throw new IllegalArgumentException("sales must be >= " + REGIONS.size() * PRODUCTS.size()
                        + " (every region sells every product) but was " + sales);
            }
            if (customers < 20) {
                throw new IllegalArgumentException("customers must be >= 20 but was " + customers);
            }
            if (orders < customers) {
                throw new IllegalArgumentException("orders must be >= customers (" + customers + ") but was " + orders);
            }
        }
    }

    record Sale(String date, int month, String region, String product, int units, int price, int revenue) {}

    record Customer(int id, String name, String segment, String country, int signupYear) {}

    record Order(int orderId, int customerId, String date, String status, int amount, int items) {}

    final List<Sale> sales;
    final List<Customer> customers;
    final List<Order> orders;

    private BenchData(List<Sale> sales, List<Customer> customers, List<Order> orders) {
        this.sales = List.copyOf(sales);
        this.customers = List.copyOf(customers);
        this.orders = List.copyOf(orders);
    }

    static BenchData generate(Size size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sale> sales = new ArrayList<>();
        for (int i = 0; i < size.sales(); i++) {
            // The first rows cover every region and product, so that every filter of the suite finds rows.
            int combo = i < REGIONS.size() * PRODUCTS.size() ? i : random.nextInt(REGIONS.size() * PRODUCTS.size());
            String region = REGIONS.get(combo % REGIONS.size());
            int p = combo / REGIONS.size();
            int month = 1 + random.nextInt(12);
            int units = 1 + random.nextInt(20);
            int price = BASE_PRICES[p] * (90 + random.nextInt(21)) / 100;
            sales.add(new Sale(
                    date(month, 1 + random.nextInt(28)), month, region, PRODUCTS.get(p), units, price, units * price));
        }
        List<Customer> customers = new ArrayList<>();
        for (int id = 1; id <= size.customers(); id++) {
            customers.add(new Customer(
                    id,
                    NAMES.get((id - 1) % NAMES.size()) + " " + (100 + id),
                    SEGMENTS.get(random.nextInt(SEGMENTS.size())),
                    COUNTRIES.get(random.nextInt(COUNTRIES.size())),
                    2019 + random.nextInt(6)));
        }
        // About a tenth of the customers never order.
        int ordering = size.customers() - Math.max(2, size.customers() / 10);
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < size.orders(); i++) {
            int customer = i < ordering ? i + 1 : 1 + random.nextInt(ordering);
            int month = 1 + random.nextInt(12);
            orders.add(new Order(
                    1000 + i,
                    customer,
                    date(month, 1 + random.nextInt(28)),
                    status(i, random),
                    10 + random.nextInt(1991),
                    1 + random.nextInt(10)));
        }
        return new BenchData(sales, customers, orders);
    }

    /** Every status at least once among the first orders, then by weight. */
    private static String status(int i, SplittableRandom random) {
        if (i < STATUS_ORDER.size()) {
            return STATUS_ORDER.get(i);
        }
        int roll = random.nextInt(100);
        for (String status : STATUS_ORDER) {
            roll -= Objects.requireNonNull(STATUSES.get(status));
            if (roll < 0) {
                return status;
            }
        }
        return STATUS_ORDER.get(0);
    }

    private static String date(int month, int day) {
        return String.format(Locale.ROOT, "2024-%02d-%02d", month, day);
    }

    Customer customer(int id) {
        return customers.get(id - 1);
    }

    /** Writes the three CSV files into {@code dir}. */
    void writeTo(Path dir) {
        StringBuilder s = new StringBuilder("date,region,product,units,price,revenue\n");
        for (Sale sale : sales) {
            s.append(sale.date())
                    .append(',')
                    .append(sale.region())
                    .append(',')
                    .append(sale.product())
                    .append(',')
                    .append(sale.units())
                    .append(',')
                    .append(sale.price())
                    .append(',')
                    .append(sale.revenue())
                    .append('\n');
        }
        StringBuilder c = new StringBuilder("customer_id,name,segment,country,signup_year\n");
        for (Customer customer : customers) {
            c.append(customer.id())
                    .append(',')
                    .append(customer.name())
                    .append(',')
                    .append(customer.segment())
                    .append(',')
                    .append(customer.country())
                    .append(',')
                    .append(customer.signupYear())
                    .append('\n');
        }
        StringBuilder o = new StringBuilder("order_id,customer_id,order_date,status,amount,items\n");
        for (Order order : orders) {
            o.append(order.orderId())
                    .append(',')
                    .append(order.customerId())
                    .append(',')
                    .append(order.date())
                    .append(',')
                    .append(order.status())
                    .append(',')
                    .append(order.amount())
                    .append(',')
                    .append(order.items())
                    .append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("sales.csv"), s, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("customers.csv"), c, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("orders.csv"), o, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark data to " + dir, e);
        }
    }
}
