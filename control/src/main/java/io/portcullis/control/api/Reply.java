package io.portcullis.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/** One answer: status, body and its type. JSON bodies are written by the one mapper of the API. */
public record Reply(int status, byte[] body, String contentType) {

    static final ObjectMapper JSON = new ObjectMapper();

    public static Reply json(int status, Object value) {
        try {
            return new Reply(status, JSON.writeValueAsBytes(value), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
    }

    /** {@code {"error": message}}. */
    public static Reply error(int status, String message) {
        return json(status, java.util.Map.of("error", message));
    }

    public static Reply empty(int status) {
        return new Reply(status, new byte[0], "application/json");
    }

    public static Reply text(int status, String text, String contentType) {
        return new Reply(status, text.getBytes(StandardCharsets.UTF_8), contentType);
    }
}
