package dev.pev4j.examples.tutorial;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.AgentException;
import dev.pev4j.tool.SideEffects;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Your own tools: a small local movie catalogue whose {@code @Tool} methods (langchain4j's annotations) the agent may
 * plan with. Plain Java: the agent finds the tools by reflection, binds the plan's arguments to the parameters, and
 * passes the returned objects (records, lists) from step to step. Immutable and thread-safe.
 */
@SideEffects(false)
public final class MovieCatalogue {

    /** One movie. */
    public record Movie(String title, int year, String genre, String director, double rating) {}

    private static final List<Movie> MOVIES = List.of(
            new Movie("Arrival", 2016, "sci-fi", "Denis Villeneuve", 7.9),
            new Movie("Blade Runner 2049", 2017, "sci-fi", "Denis Villeneuve", 8.0),
            new Movie("Ex Machina", 2014, "sci-fi", "Alex Garland", 7.7),
            new Movie("Moon", 2009, "sci-fi", "Duncan Jones", 7.8),
            new Movie("Paddington 2", 2017, "comedy", "Paul King", 7.8),
            new Movie("The Grand Budapest Hotel", 2014, "comedy", "Wes Anderson", 8.1),
            new Movie("Spirited Away", 2001, "animation", "Hayao Miyazaki", 8.6),
            new Movie("Coco", 2017, "animation", "Lee Unkrich", 8.4),
            new Movie("Prisoners", 2013, "thriller", "Denis Villeneuve", 8.1));

    @Tool(name = "movies_by_genre", value = "The titles of the catalogue's movies of a genre, oldest first.")
    public List<String> moviesByGenre(
            @P(name = "genre", value = "sci-fi, comedy, animation or thriller") String genre) {
        List<String> genres =
                MOVIES.stream().map(Movie::genre).distinct().sorted().toList();
        String wanted = genre.strip().toLowerCase(Locale.ROOT);
        if (!genres.contains(wanted)) {
            throw new AgentException("unknown genre '" + genre + "'; the genres are " + String.join(", ", genres));
        }
        return MOVIES.stream()
                .filter(m -> m.genre().equals(wanted))
                .sorted(Comparator.comparingInt(Movie::year))
                .map(Movie::title)
                .toList();
    }

    @Tool(
            name = "movie",
            value = "Everything the catalogue knows about one movie: title, year, genre, director, rating.")
    public Movie movie(@P(name = "title", value = "the exact title") String title) {
        return MOVIES.stream()
                .filter(m -> m.title().equalsIgnoreCase(title.strip()))
                .findFirst()
                .orElseThrow(() -> new AgentException("no movie titled '" + title + "'; the titles are "
                        + String.join(", ", MOVIES.stream().map(Movie::title).toList())));
    }

    @Tool(name = "best_rated", value = "Of these titles, the one with the highest rating.")
    public String bestRated(@P(name = "titles", value = "titles, e.g. #E1") List<String> titles) {
        return titles.stream()
                .map(this::movie)
                .max(Comparator.comparingDouble(Movie::rating))
                .map(Movie::title)
                .orElseThrow(() -> new AgentException("best_rated needs at least one title but got none"));
    }

    @Tool(name = "movies_by_director", value = "The titles of the catalogue's movies by a director, oldest first.")
    public List<String> moviesByDirector(@P(name = "director", value = "the director's full name") String director) {
        return MOVIES.stream()
                .filter(m -> m.director().equalsIgnoreCase(director.strip()))
                .sorted(Comparator.comparingInt(Movie::year))
                .map(Movie::title)
                .toList();
    }
}
