package dev.pev4j.tools.rag;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.spi.Toolkit;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test fixture: a small calendar kept in memory, with tools whose vocabulary overlaps DataOps' and the file tools'
 * (list, search, export, import, dates, count), for the Tool RAG tests and benchmark. Thread-safe.
 */
public final class CalendarTools implements Toolkit {

    /** An event. */
    public record Event(
            int id, String title, LocalDateTime start, int minutes, List<String> attendees, int reminderMinutes) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final LocalDate today;

    public CalendarTools(LocalDate today) {
        this.today = today;
    }

    private Event event(int id) {
        return events.stream()
                .filter(e -> e.id() == id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event " + id));
    }

    private void replace(Event old, Event updated) {
        events.set(events.indexOf(old), updated);
    }

    @Tool(name = "today", value = "Today's date, as 2024-05-31.")
    public String today() {
        return today.toString();
    }

    @Tool(
            name = "list_events",
            value = "The calendar's events (meetings, appointments) between two dates, in time " + "order.")
    public List<Event> listEvents(
            @P(name = "from", value = "the first day, e.g. 2024-05-01") String from,
            @P(name = "to", value = "the last day") String to) {
        LocalDate a = LocalDate.parse(from);
        LocalDate b = LocalDate.parse(to);
        return events.stream()
                .filter(e -> !e.start().toLocalDate().isBefore(a)
                        && !e.start().toLocalDate().isAfter(b))
                .sorted((x, y) -> x.start().compareTo(y.start()))
                .toList();
    }

    @Tool(name = "search_events", value = "Find calendar events whose title contains a word, to get their ids.")
    public List<Event> searchEvents(@P(name = "text", value = "a word of the title") String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return events.stream()
                .filter(e -> e.title().toLowerCase(Locale.ROOT).contains(t))
                .toList();
    }

    @Tool(name = "create_event", value = "Put a new event (a meeting, an appointment) in the calendar.")
    public int createEvent(
            @P(name = "title", value = "what it is") String title,
            @P(name = "start", value = "when it starts, e.g. 2024-06-03T10:00") String start,
            @P(name = "minutes", value = "how long it lasts") int minutes) {
        int id = events.size() + 1;
        events.add(new Event(id, title, LocalDateTime.parse(start), minutes, List.of(), 0));
        return id;
    }

    @Tool(name = "cancel_event", value = "Remove an event from the calendar by its id.")
    public boolean cancelEvent(@P(name = "id", value = "the event's id") int id) {
        return events.remove(event(id));
    }

    @Tool(name = "move_event", value = "Reschedule an event to another start time.")
    public int moveEvent(
            @P(name = "id", value = "the event's id") int id,
            @P(name = "start", value = "the new start, e.g. 2024-06-03T14:00") String start) {
        Event e = event(id);
        replace(
                e,
                new Event(id, e.title(), LocalDateTime.parse(start), e.minutes(), e.attendees(), e.reminderMinutes()));
        return id;
    }

    @Tool(
            name = "find_free_slot",
            value = "The first free time on a day that is long enough for a meeting of the "
                    + "given length, between 9:00 and 17:00.")
    public String findFreeSlot(
            @P(name = "day", value = "the day, e.g. 2024-06-03") String day,
            @P(name = "minutes", value = "the length needed") int minutes) {
        LocalDateTime t = LocalDate.parse(day).atTime(9, 0);
        for (Event e : listEvents(day, day)) {
            if (ChronoUnit.MINUTES.between(t, e.start()) >= minutes) {
                return t.toString();
            }
            LocalDateTime end = e.start().plusMinutes(e.minutes());
            t = end.isAfter(t) ? end : t;
        }
        return t.plusMinutes(minutes).isAfter(LocalDate.parse(day).atTime(17, 0)) ? "" : t.toString();
    }

    @Tool(name = "invite", value = "Invite a person by email address to an event.")
    public List<String> invite(
            @P(name = "id", value = "the event's id") int id,
            @P(name = "email", value = "the guest's email address") String email) {
        Event e = event(id);
        List<String> attendees = new ArrayList<>(e.attendees());
        attendees.add(email);
        replace(e, new Event(id, e.title(), e.start(), e.minutes(), attendees, e.reminderMinutes()));
        return attendees;
    }

    @Tool(name = "list_attendees", value = "The people invited to an event.")
    public List<String> listAttendees(@P(name = "id", value = "the event's id") int id) {
        return event(id).attendees();
    }

    @Tool(name = "set_reminder", value = "Be reminded a number of minutes before an event starts.")
    public int setReminder(
            @P(name = "id", value = "the event's id") int id,
            @P(name = "minutes_before", value = "how early") int minutesBefore) {
        Event e = event(id);
        replace(e, new Event(id, e.title(), e.start(), e.minutes(), e.attendees(), minutesBefore));
        return minutesBefore;
    }

    @Tool(name = "add_days", value = "The date a number of days after (or, negative, before) a date.")
    public String addDays(
            @P(name = "date", value = "a date, e.g. 2024-05-31") String date,
            @P(name = "days", value = "how many days") int days) {
        return LocalDate.parse(date).plusDays(days).toString();
    }

    @Tool(name = "days_between", value = "How many days lie between two dates.")
    public long daysBetween(
            @P(name = "from", value = "the first date") String from,
            @P(name = "to", value = "the second date") String to) {
        return ChronoUnit.DAYS.between(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Tool(name = "weekday_of", value = "The day of the week of a date, such as MONDAY.")
    public String weekdayOf(@P(name = "date", value = "a date") String date) {
        DayOfWeek d = LocalDate.parse(date).getDayOfWeek();
        return d.toString();
    }

    @Tool(name = "export_ics", value = "Export the calendar's events to an iCalendar (.ics) text.")
    public String exportIcs() {
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\n");
        for (Event e : events) {
            ics.append("BEGIN:VEVENT\nSUMMARY:")
                    .append(e.title())
                    .append("\nDTSTART:")
                    .append(e.start())
                    .append("\nEND:VEVENT\n");
        }
        return ics.append("END:VCALENDAR\n").toString();
    }

    @Tool(name = "import_ics", value = "Add the events of an iCalendar (.ics) text to the calendar.")
    public int importIcs(@P(name = "ics", value = "the iCalendar text") String ics) {
        int added = 0;
        String title = null;
        for (String line : ics.lines().toList()) {
            if (line.startsWith("SUMMARY:")) {
                title = line.substring(8);
            } else if (line.startsWith("DTSTART:") && title != null) {
                createEvent(title, line.substring(8), 60);
                added++;
            }
        }
        return added;
    }

    @Override
    public Set<String> alwaysOnTools() {
        return Set.of("today");
    }

    @Override
    public Map<String, List<String>> toolDependencies() {
        return Map.of(
                "cancel_event", List.of("search_events"),
                "move_event", List.of("search_events"),
                "invite", List.of("search_events"),
                "list_attendees", List.of("search_events"),
                "set_reminder", List.of("search_events"));
    }

    @Override
    public Map<String, String> retrievalText() {
        Map<String, String> text = new java.util.HashMap<>(Map.of(
                "create_event", "schedule, book, set up a meeting, add an appointment, plan a call",
                "cancel_event", "call off, delete a meeting, drop an appointment",
                "move_event", "reschedule, postpone, push back, bring forward",
                "find_free_slot", "when am I free, availability, open time, gap in the agenda",
                "list_events", "agenda, what is on my calendar, schedule for the week",
                "invite", "add a guest, send an invitation, include someone",
                "set_reminder", "alert, notify me before, alarm",
                "export_ics", "ical, share the calendar, save the calendar",
                "weekday_of", "which day of the week, is it a Monday",
                "days_between", "how many days until, countdown, duration between dates"));
        text.put(
                "add_days",
                "tomorrow, next week, this week, next Monday, on Friday, in 45 days, yesterday, a date "
                        + "from today");
        return text;
    }
}
