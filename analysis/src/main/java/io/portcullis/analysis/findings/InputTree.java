package io.portcullis.analysis.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one YAML or JSON input file of the analysis (settings, a compliance mapping, a baseline) as a tree and
 * collects every problem as {@code FILE: /JSON/pointer: message (expected: ...)}, so a file is refused with all
 * its problems at once ({@link #done}).
 */
public final class InputTree {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** JSON files (import-sources.json of a large estate runs to tens of MiB, beyond the YAML reader's limit). */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DAYS = Pattern.compile("(\\d+)([dhm])");

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private InputTree(String file) {
        this.file = file;
    }

    /** The file's tree (a {@code .json} file as JSON, anything else as YAML), or an exception. */
    public static Read read(Path path) {
        InputTree t = new InputTree(path.toString());
        try {
            ObjectMapper mapper = path.getFileName().toString().endsWith(".json") ? JSON : YAML;
            JsonNode root = path.getFileName().toString().endsWith(".json") ? mapper.readTree(path.toFile()) : mapper.readTree(Files.readString(path));
            return new Read(t, root == null ? YAML.createObjectNode() : root);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidInputException(List.of(path + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": " + e.getOriginalMessage() + " (expected: " + (path.toString().endsWith(".json") ? "JSON" : "YAML or JSON") + ")"));
        } catch (IOException e) {
            throw new InvalidInputException(List.of(path + ": cannot read: " + e.getMessage() + " (expected: a readable file)"));
        }
    }

    /** A tree read from {@code resource} text (a built-in file). */
    public static Read parse(String name, String text) {
        try {
            return new Read(new InputTree(name), YAML.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(name + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A tree and its reader. */
    public record Read(InputTree tree, JsonNode root) {}

    public String file() {
        return file;
    }

    public void problem(String pointer, String message) {
        problems.add(file + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message);
    }

    /** Throws with every problem found, if any. */
    public void done() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** Whether {@code node} is an object whose keys are all in {@code keys}; reports what is not. */
    public boolean object(JsonNode node, String pointer, Set<String> keys) {
        if (node == null || !node.isObject()) {
            problem(pointer, "not a mapping (expected: a mapping of " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.isEmpty() && !keys.contains(k)) {
                problem(pointer + "/" + escape(k), "unknown key (expected one of: " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        }
        return true;
    }

    /** A non-empty string, or null after reporting it. */
    public String text(JsonNode node, String pointer, String expected) {
        if (node == null || node.isNull()) {
            problem(pointer, "missing (expected: " + expected + ")");
            return null;
        }
        if (!node.isTextual() && !node.isNumber() && !node.isBoolean()) {
            problem(pointer, "not a string (expected: " + expected + ")");
            return null;
        }
        String s = node.asText().strip();
        if (s.isEmpty()) {
            problem(pointer, "empty (expected: " + expected + ")");
            return null;
        }
        return s;
    }

    /** An integer in {@code [min, max]}, or {@code fallback} after reporting it; absent gives the fallback silently. */
    public int integer(JsonNode node, String pointer, int min, int max, int fallback) {
        if (node == null) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
            problem(pointer, "'" + node.asText() + "' (expected: an integer from " + min + " to " + max + ")");
            return fallback;
        }
        return node.asInt();
    }

    /** A list of values, or an empty list after reporting it. */
    public List<JsonNode> list(JsonNode node, String pointer, String expected) {
        if (node == null || !node.isArray()) {
            problem(pointer, (node == null ? "missing" : "not a list") + " (expected: a list of " + expected + ")");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    /** {@code 30d}, {@code 12h}, {@code 90m} or ISO-8601 ({@code P30D}); null after reporting it. */
    public Duration duration(JsonNode node, String pointer) {
        String s = text(node, pointer, "a duration such as 30d, 12h or P30D");
        return s == null ? null : duration(s, m -> problem(pointer, m));
    }

    /** The duration {@code text} means, or null after telling {@code problem} why not. */
    public static Duration duration(String text, java.util.function.Consumer<String> problem) {
        Matcher m = DAYS.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        }
        try {
            Duration d = Duration.parse(text);
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem.accept("'" + text + "' (expected: a duration such as 30d, 12h, 90m or P30D)");
        return null;
    }

    /** A JSON pointer's escaping of one key. */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
