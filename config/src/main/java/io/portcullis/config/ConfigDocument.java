package io.portcullis.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One configuration file held in memory rather than on disk: its name (which problems and findings cite), its
 * YAML text, and the tree that text reads as, when the program that wrote the text built the tree too (the AWS
 * importer does). With a tree the loader skips the YAML parse: the text is read only if a problem has to be placed
 * at a line and column, exactly as a file's would be. The writer guarantees the tree is what the text reads as
 * (the importer's tests compare the two); every check of the loader runs on the tree as on a parsed file. A
 * document held as its tree alone ({@link #tree}) has no text: its problems have no line and column.
 */
public record ConfigDocument(String file, String text, JsonNode tree) {

    public ConfigDocument {
        requireNonNull(file, "file");
        if (text == null && tree == null) {
            throw new NullPointerException("text (a document needs its text, its tree, or both)");
        }
    }

    /** A document whose text the loader parses. */
    public static ConfigDocument text(String file, String text) {
        return new ConfigDocument(file, requireNonNull(text, "text"), null);
    }

    /**
     * A document held as its tree alone, for a file that is never written where anyone could read it: its problems
     * are placed by path and element name ({@code securityGroups[3](sg-0a1b).ingress[0]}), with no line or column,
     * and no text is read to find them.
     */
    public static ConfigDocument tree(String file, JsonNode tree) {
        return new ConfigDocument(file, null, requireNonNull(tree, "tree"));
    }
}
