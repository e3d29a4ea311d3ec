package io.portcullis.site.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * File names and anchors made from identifiers. API names may hold {@code ._:/@-}, group keys hold a slash: a
 * character outside {@code [A-Za-z0-9._-]} is written {@code ~XX} (its UTF-8 bytes in hex), and {@code ~} never
 * occurs in a name otherwise, so two names never share a file.
 */
public final class Ids {

    private Ids() {}

    /** A file-name-safe, injective form of {@code id}. */
    public static String slug(String id) {
        StringBuilder b = new StringBuilder(id.length());
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                b.append(c);
            } else {
                b.append('~').append(String.format(Locale.ROOT, "%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    /** The page of an API, from the root. */
    public static String api(String name) {
        return "apis/" + slug(name);
    }

    /** The page of an API Gateway API ({@code awsApis[]}) by its id, from the root. */
    public static String awsApi(String id) {
        return "aws-apis/" + slug(id);
    }

    /**
     * The page of a group ({@code ACCOUNT/sg-id}), from the root: {@code groups/ACCOUNT_sg-id}. The account is always
     * twelve digits, so putting {@code _} for the slash keeps names apart.
     */
    public static String group(String key) {
        return "groups/" + slug(key.replace('/', '_'));
    }

    /** A heading's anchor: lower case, runs of other characters as one dash. */
    static String anchor(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
