package dev.pev4j.tools.data;

import dev.pev4j.internal.Suggestions;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.columns.Column;

/**
 * pandas' {@code .dt.tz_localize(tz)} and {@code .dt.tz_convert(tz)} for date columns that carry no zone. Tablesaw
 * has no zoned date-time column, so a date column here holds clock times and the zone they are in is the plan's
 * knowledge: {@code tz_localize} checks that each clock time exists exactly once in the zone (pandas' DST errors) and
 * keeps it, {@code tz_convert} turns clock times of one zone into the clock times of another at the same instants.
 * Stateless.
 */
final class TimeZones {

    static final List<String> AMBIGUOUS = List.of("raise", "NaT");
    static final List<String> NONEXISTENT = List.of("raise", "NaT", "shift_forward");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private TimeZones() {}

    /** {@code "Europe/Berlin"}, {@code "UTC"}, {@code "+02:00"}; an unknown name is an error naming the nearest. */
    static ZoneId zone(String tz) {
        String name = tz.strip();
        try {
            return name.equalsIgnoreCase("utc") ? ZoneOffset.UTC : ZoneId.of(name);
        } catch (DateTimeException e) {
            List<String> known = new ArrayList<>(ZoneId.getAvailableZoneIds());
            known.sort(null);
            List<String> nearest = Suggestions.closest(name, known, 3);
            throw new DataOpsException("unknown time zone '" + tz + "'; "
                    + (nearest.isEmpty() ? "" : Suggestions.didYouMean(nearest) + " ")
                    + "use an IANA name such as \"Europe/Berlin\", \"America/New_York\", \"UTC\" or an offset "
                    + "such as \"+02:00\"");
        }
    }

    /**
     * {@code s.dt.tz_localize(tz, ambiguous, nonexistent)}: the clock times stay; a time the zone skips (spring
     * forward) or repeats (fall back) is an error unless {@code nonexistent} / {@code ambiguous} say otherwise.
     */
    static DateTimeColumn localize(
            Column<?> column, String tz, @Nullable String ambiguous, @Nullable String nonexistent, String name) {
        DateOps.checkDates(column);
        ZoneId zone = zone(tz);
        String onAmbiguous = option("ambiguous", ambiguous, AMBIGUOUS);
        String onNonexistent = option("nonexistent", nonexistent, NONEXISTENT);
        DateTimeColumn out = DateTimeColumn.create(name);
        for (int row = 0; row < column.size(); row++) {
            LocalDateTime t = column.isMissing(row) ? null : at(column, row);
            LocalDateTime local = t == null ? null : valid(t, zone, tz, onAmbiguous, onNonexistent, column.name());
            if (local == null) {
                out.appendMissing();
            } else {
                out.append(local);
            }
        }
        return out;
    }

    /**
     * {@code s.dt.tz_convert(tz)} of a column whose clock times are in {@code fromTz}: the clock times in {@code tz}
     * at the same instants. A clock time that {@code fromTz} repeats cannot be placed (the column does not record
     * which of the two it was): an error unless {@code ambiguous} is {@code NaT}.
     */
    static DateTimeColumn convert(Column<?> column, String fromTz, String tz, @Nullable String ambiguous, String name) {
        DateOps.checkDates(column);
        ZoneId from = zone(fromTz);
        ZoneId to = zone(tz);
        String onAmbiguous = option("ambiguous", ambiguous, AMBIGUOUS);
        DateTimeColumn out = DateTimeColumn.create(name);
        for (int row = 0; row < column.size(); row++) {
            LocalDateTime t = column.isMissing(row) ? null : at(column, row);
            LocalDateTime local = t == null ? null : valid(t, from, fromTz, onAmbiguous, "raise", column.name());
            if (local == null) {
                out.appendMissing();
            } else {
                out.append(local.atZone(from).withZoneSameInstant(to).toLocalDateTime());
            }
        }
        return out;
    }

    /** {@code t} if it exists once in {@code zone}; else per the options: missing, shifted, or an error. */
    private static @Nullable LocalDateTime valid(
            LocalDateTime t, ZoneId zone, String tz, String ambiguous, String nonexistent, String column) {
        ZoneRules rules = zone.getRules();
        int offsets = rules.getValidOffsets(t).size();
        if (offsets == 1) {
            return t;
        }
        ZoneOffsetTransition transition = rules.getTransition(t);
        if (offsets == 0) {
            if (nonexistent.equals("NaT")) {
                return null;
            } else if (nonexistent.equals("shift_forward")) {
                return transition.getDateTimeAfter();
            }
            throw new DataOpsException(
                    TIME.format(t) + " in column '" + column + "' does not exist in " + tz + ": the clocks jump from "
                            + TIME.format(transition.getDateTimeBefore()) + " to "
                            + TIME.format(transition.getDateTimeAfter()) + " (pandas: NonExistentTimeError); pass "
                            + "nonexistent=\"shift_forward\" to move such times to "
                            + TIME.format(transition.getDateTimeAfter()) + ", or nonexistent=\"NaT\" to leave them "
                            + "missing",
                    column,
                    null);
        }
        if (ambiguous.equals("NaT")) {
            return null;
        }
        throw new DataOpsException(
                TIME.format(t) + " in column '" + column + "' is ambiguous in " + tz + ": the clocks go back from "
                        + TIME.format(transition.getDateTimeBefore()) + " to "
                        + TIME.format(transition.getDateTimeAfter()) + ", so it happens twice (pandas: "
                        + "AmbiguousTimeError: Cannot infer dst time); pass ambiguous=\"NaT\" to leave such times "
                        + "missing",
                column,
                null);
    }

    private static String option(String what, @Nullable String value, List<String> choices) {
        if (value == null) {
            return "raise";
        }
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value.strip())) {
                return choice;
            }
        }
        throw Columns.unknownChoice(what, value, choices, choices);
    }

    private static LocalDateTime at(Column<?> column, int row) {
        Object value = column.get(row);
        return value instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) value;
    }
}
