package dev.pev4j.examples.tutorial;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.AgentException;
import dev.pev4j.tool.SideEffects;
import java.util.List;
import java.util.Map;

/**
 * Slow tools for the parallel example: each station lookup takes a while (as a web or database call would), so that
 * independent lookups running at once finish much sooner than one after another. Thread-safe.
 */
@SideEffects(false)
public final class WeatherStations {

    private static final Map<String, Double> TEMPERATURES =
            Map.of("Oslo", 4.5, "Lisbon", 17.0, "Cairo", 24.5, "Lima", 19.0, "Tokyo", 12.5, "Quito", 14.0);

    private final long lookupMillis;
    private final Runnable beforeLookup;

    public WeatherStations(long lookupMillis) {
        this(lookupMillis, () -> {});
    }

    /** With {@code beforeLookup} run at the start of every lookup (tests meet there to prove lookups overlap). */
    WeatherStations(long lookupMillis, Runnable beforeLookup) {
        if (lookupMillis < 0) {
            throw new IllegalArgumentException("lookupMillis must be >= 0 but was " + lookupMillis);
        }
        this.lookupMillis = lookupMillis;
        this.beforeLookup = beforeLookup;
    }

    @Tool(name = "temperature", value = "The current temperature at a city's weather station, in °C (slow).")
    public double temperature(@P(name = "city", value = "the city, e.g. \"Oslo\"") String city)
            throws InterruptedException {
        beforeLookup.run();
        Thread.sleep(lookupMillis);
        Double value = TEMPERATURES.get(city);
        if (value == null) {
            throw new AgentException("no station in '" + city + "'; stations: "
                    + String.join(", ", TEMPERATURES.keySet().stream().sorted().toList()));
        }
        return value;
    }

    @Tool(name = "mean", value = "The mean of some numbers.")
    public double mean(@P(name = "values", value = "numbers, e.g. [#E1, #E2]") List<Double> values) {
        if (values.isEmpty()) {
            throw new AgentException("mean needs at least one value but got none");
        }
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
