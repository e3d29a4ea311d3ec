package io.portcullis.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML into a plain tree, safely: Jackson's YAML parser never instantiates application types (tags are
 * not honoured), aliases are bounded (no "billion laughs"), duplicate keys are errors, and size and depth are
 * limited.
 */
public final class SafeYaml {

    static final int MAX_ALIASES = 50;
    static final int MAX_CODE_POINTS = 16 * 1024 * 1024;

    private final ObjectMapper mapper;

    public SafeYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(64);
        options.setAllowRecursiveKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /** Parses {@code text}; on failure reports the line and column and returns null. */
    public JsonNode read(String text, Problems problems) {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null || node.isMissingNode() ? mapper.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            problems.error(where, "invalid YAML: " + e.getOriginalMessage());
            return null;
        } catch (RuntimeException e) {
            // SnakeYAML reports some limits (alias count, code points) as its own runtime exceptions.
            problems.error("", "invalid YAML: " + e.getMessage());
            return null;
        }
    }
}
