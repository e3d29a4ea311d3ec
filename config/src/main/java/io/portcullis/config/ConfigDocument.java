package io.portcullis.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One configuration file held in memory rather than on disk: its name (which problems and findings cite), its
 * YAML text, and the tree that text reads as, when the program that wrote the text built the tree too (the AWS
 * importer does). With a tree the loader skips the YAML parse: the text is read only if a problem has to be placed
 * at a line and column, exactly as a file's would be. The writer guarantees the tree is what the text reads as
 * (the importer's tests compare the two); every check of the loader runs on the tree as on a parsed file.
 */
public record ConfigDocument(String file, String text, JsonNode tree) {

    public ConfigDocument {
        requireNonNull(file, "file");
        requireNonNull(text, "text");
    }

    /** A document whose text the loader parses. */
    public static ConfigDocument text(String file, String text) {
        return new ConfigDocument(file, text, null);
    }
}
