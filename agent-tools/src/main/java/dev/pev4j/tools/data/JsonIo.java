package dev.pev4j.tools.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code read_json} and {@code to_json} for records: {@code [{"region": "N", "units": 3}, …]}. Stateless. */
final class JsonIo {

    // Configured once and never changed afterwards, so it may be shared by threads.
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

    private JsonIo() {}

    /**
     * Reads records, or with {@code lines} one record per line; columns in order of first appearance; per column
     * int64 when every value is a whole number, float64 for numbers, bool, else text (nested values as JSON text).
     */
    static Table read(Path file, String name, boolean lines) {
        return read(file, name, lines, Integer.MAX_VALUE);
    }

    /** {@link #read(Path, String, boolean)} of at most the first {@code maxRecords} records. */
    static Table read(Path file, String name, boolean lines, int maxRecords) {
        List<JsonNode> records = new ArrayList<>();
        try {
            if (lines) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    int number = 0;
                    while (records.size() < maxRecords && (line = reader.readLine()) != null) {
                        number++;
                        if (!line.isBlank()) {
                            records.add(parse(number == 1 ? line.replace("\uFEFF", "") : line, name, number));
                        }
                    }
                }
            } else {
                try (InputStream in = Files.newInputStream(file);
                        JsonParser parser = MAPPER.createParser(in)) {
                    JsonToken first = parser.nextToken();
                    if (first != JsonToken.START_ARRAY) {
                        throw notRecords(name, "it holds " + kind(first) + ", not an array of records");
                    }
                    while (records.size() < maxRecords && parser.nextToken() != JsonToken.END_ARRAY) {
                        records.add(MAPPER.readTree(parser));
                    }
                }
            }
        } catch (java.nio.charset.MalformedInputException | java.io.CharConversionException e) {
            throw new DataOpsException("could not read '" + name + "': it is not UTF-8 text", null, e);
        } catch (JsonProcessingException e) {
            throw new DataOpsException(
                    "could not read '" + name + "' as JSON at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(),
                    null,
                    e);
        } catch (IOException e) {
            throw new DataOpsException("could not read '" + name + "': " + e, null, e);
        }
        return fromRecords(records, name);
    }

    private static Table fromRecords(List<JsonNode> records, String name) {
        Map<String, List<@Nullable JsonNode>> columns = new LinkedHashMap<>();
        for (int row = 0; row < records.size(); row++) {
            JsonNode record = records.get(row);
            if (!record.isObject()) {
                throw notRecords(name, "record " + row + " is " + kind(record.asToken()) + ", not an object");
            }
            for (Map.Entry<String, JsonNode> field : record.properties()) {
                List<@Nullable JsonNode> cells = columns.computeIfAbsent(field.getKey(), k -> new ArrayList<>());
                while (cells.size() < row) {
                    cells.add(null);
                }
                cells.add(field.getValue());
            }
        }
        Reshape.checkDistinct(new ArrayList<>(columns.keySet()));
        Table table = Table.create(name);
        for (Map.Entry<String, List<@Nullable JsonNode>> entry : columns.entrySet()) {
            List<@Nullable JsonNode> cells = entry.getValue();
            while (cells.size() < records.size()) {
                cells.add(null);
            }
            table.addColumns(column(entry.getKey(), cells));
        }
        return table;
    }

    private static JsonNode parse(String line, String name, int number) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DataOpsException(
                    "could not read '" + name + "' as JSON at line " + number + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(),
                    null,
                    e);
        }
    }

    private static DataOpsException notRecords(String name, String what) {
        return new DataOpsException("could not read '" + name + "' as records: " + what + "; read_json reads "
                + "[{\"column\": value, …}, …] (or one object per line with lines=true)");
    }

    private static String kind(@Nullable JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "null";
        };
    }

    private static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static Column<?> column(String name, List<@Nullable JsonNode> cells) {
        boolean integers = true;
        boolean numbers = true;
        boolean booleans = true;
        boolean any = false;
        for (@Nullable JsonNode cell : cells) {
            if (absent(cell)) {
                continue;
            }
            any = true;
            integers &= cell.isIntegralNumber() && cell.canConvertToLong();
            numbers &= cell.isNumber();
            booleans &= cell.isBoolean();
        }
        if (!any || (numbers && !integers)) {
            DoubleColumn out = DoubleColumn.create(name);
            cells.forEach(c -> out.append(absent(c) ? Double.NaN : c.asDouble()));
            return out;
        } else if (integers) {
            LongColumn out = LongColumn.create(name);
            cells.forEach(c -> {
                if (absent(c)) {
                    out.appendMissing();
                } else {
                    out.append(c.asLong());
                }
            });
            return out;
        } else if (booleans) {
            BooleanColumn out = BooleanColumn.create(name);
            cells.forEach(c -> {
                if (absent(c)) {
                    out.appendMissing();
                } else {
                    out.append(c.asBoolean());
                }
            });
            return out;
        }
        StringColumn out = StringColumn.create(name);
        for (@Nullable JsonNode c : cells) {
            if (absent(c)) {
                out.appendMissing();
            } else if (c.isTextual()) {
                out.append(c.asText());
            } else if (c.isBoolean()) {
                out.append(c.asBoolean() ? "True" : "False");
            } else if (c.isFloatingPointNumber()) {
                out.append(Cells.pythonRepr(c.asDouble()));
            } else {
                out.append(c.toString());
            }
        }
        return out;
    }

    /**
     * Writes {@code df.to_json(orient="records")}: one object per row, missing as {@code null}, floats at full
     * precision, date-times as ISO text ({@code 2024-01-31T00:00:00.000}), UTF-8 text unescaped.
     */
    static void write(Table table, OutputStream out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.writeStartArray();
        for (int row = 0; row < table.rowCount(); row++) {
            json.writeStartObject();
            for (Column<?> column : table.columns()) {
                json.writeFieldName(column.name());
                if (column.isMissing(row)) {
                    json.writeNull();
                    continue;
                }
                Object value = column.get(row);
                if (value instanceof Double d) {
                    json.writeNumber(d);
                } else if (value instanceof Float f) {
                    json.writeNumber(f);
                } else if (value instanceof Long l) {
                    json.writeNumber(l);
                } else if (value instanceof Integer i) {
                    json.writeNumber(i);
                } else if (value instanceof Short s) {
                    json.writeNumber(s);
                } else if (value instanceof Boolean b) {
                    json.writeBoolean(b);
                } else if (value instanceof LocalDateTime t) {
                    json.writeString(ISO.format(t));
                } else if (value instanceof LocalDate d) {
                    json.writeString(ISO.format(d.atStartOfDay()));
                } else if (value instanceof LocalTime t) {
                    json.writeString(t.toString());
                } else {
                    json.writeString(String.valueOf(value));
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.flush(); // the workspace closes the stream
    }
}
