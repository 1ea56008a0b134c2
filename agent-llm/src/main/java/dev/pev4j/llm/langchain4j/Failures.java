package dev.pev4j.llm.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.pev4j.llm.LlmException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a LangChain4j chat model throws into an {@link LlmException} that names the server and the model and
 * says whether retrying can help. Stateless and thread-safe.
 */
final class Failures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private Failures() {}

    static LlmException toLlmException(RuntimeException e, String model, String place) {
        String on = "model '" + model + "' on " + place;
        if (find(e, InterruptedException.class) != null) {
            Thread.currentThread().interrupt();
            return new LlmException("interrupted while waiting for " + on, false, e);
        }
        HttpException http = find(e, HttpException.class);
        String status = http == null ? "" : " (HTTP " + http.statusCode() + ")";
        String detail = detail(e, http);
        if (e instanceof TimeoutException) {
            return new LlmException(
                    on + " did not reply in time; the server may be busy or the timeout too short", true, e);
        }
        if (e instanceof RateLimitException) {
            return new LlmException(on + " is rate-limited" + status + ": " + detail, true, e);
        }
        if (e instanceof InternalServerException) {
            return new LlmException(on + " failed with a server error" + status + ": " + detail, true, e);
        }
        if (e instanceof RetriableException) {
            return new LlmException(on + " failed" + status + ": " + detail, true, e);
        }
        if (e instanceof AuthenticationException) {
            return new LlmException(
                    on + " refused the credentials" + status + ": " + detail
                            + "; set apiKey to a key the server accepts",
                    false,
                    e);
        }
        if (e instanceof ModelNotFoundException) {
            return new LlmException(
                    "model '" + model + "' was not found on " + place + status + ": " + detail
                            + "; pull or load it there, or use a model name the server lists",
                    false,
                    e);
        }
        if (e instanceof InvalidRequestException) {
            return new LlmException(on + " rejected the request" + status + ": " + detail, false, e);
        }
        if (e instanceof UnresolvedModelServerException) {
            return new LlmException(
                    "cannot resolve the host of " + place + " for model '" + model + "': " + detail
                            + "; check the server URL",
                    false,
                    e);
        }
        if (e instanceof NonRetriableException) {
            return new LlmException(on + " failed" + status + ": " + detail, false, e);
        }
        if (http != null) {
            int code = http.statusCode();
            boolean retriable = code == 408 || code == 429 || code >= 500;
            return new LlmException(on + " failed" + status + ": " + detail, retriable, e);
        }
        IOException io = find(e, IOException.class);
        if (io != null) {
            return new LlmException(
                    "cannot reach " + place + " for model '" + model + "': " + io + "; is the server running?",
                    true,
                    e);
        }
        return new LlmException(on + " failed: " + e, false, e);
    }

    /** The server's own error text where there is one, else the exception's message. */
    private static String detail(RuntimeException e, @Nullable HttpException http) {
        if (http == null) {
            return abbreviate(String.valueOf(e.getMessage()));
        }
        String body = String.valueOf(http.getMessage());
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                JsonNode error = json.get("error");
                if (error != null && error.isTextual()) {
                    return abbreviate(error.asText());
                }
                if (error != null && error.path("message").isTextual()) {
                    return abbreviate(error.get("message").asText());
                }
                if (json.path("message").isTextual()) {
                    return abbreviate(json.get("message").asText());
                }
            }
        } catch (IOException notJson) {
            // plain-text bodies are reported as they are
        }
        return body.isBlank() ? "no error text" : abbreviate(body.strip());
    }

    private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 3) + "...";
    }
}
