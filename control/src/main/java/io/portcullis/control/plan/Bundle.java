package io.portcullis.control.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A configuration bundle: the files of a Portcullis configuration directory, relative path to UTF-8 text. The
 * configuration is the bundle's top-level {@code *.yaml}/{@code *.yml} files, merged in name order (as
 * {@code portcullis run --config DIR} reads a directory); every other file (keys, certificates, JWK sets, policies,
 * change records) is what the configuration references by a path relative to it. Paths are checked so that a
 * bundle written out stays inside its directory.
 */
public record Bundle(Map<String, String> files) {

    /** The most files a bundle may hold. */
    public static final int MAX_FILES = 2_000;
    /** The most bytes (UTF-8) all files of a bundle may hold together. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+=,.-]+");

    public Bundle {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** Checks {@code files}; every problem is listed, each naming the file. */
    public static List<String> problems(Map<String, String> files) {
        List<String> out = new ArrayList<>();
        if (files.isEmpty()) {
            out.add("files: {} (expected: the files of a configuration directory, at least one .yaml file)");
            return out;
        }
        if (files.size() > MAX_FILES) {
            out.add("files: " + files.size() + " files (expected: at most " + MAX_FILES + ")");
        }
        long bytes = 0;
        boolean yaml = false;
        for (Map.Entry<String, String> f : files.entrySet()) {
            String path = f.getKey();
            String why = pathProblem(path);
            if (why != null) {
                out.add("files['" + path + "']: " + why);
            }
            bytes += f.getValue().getBytes(StandardCharsets.UTF_8).length;
            yaml |= !path.contains("/") && (path.endsWith(".yaml") || path.endsWith(".yml"));
        }
        if (bytes > MAX_BYTES) {
            out.add("files: " + bytes + " bytes (expected: at most " + MAX_BYTES + ")");
        }
        if (!yaml) {
            out.add("files: no top-level .yaml or .yml file (expected: the configuration at the bundle's top level)");
        }
        return out;
    }

    private static String pathProblem(String path) {
        if (path.isEmpty() || path.length() > 255) {
            return "path length " + path.length() + " (expected: 1 to 255 characters)";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                return "'" + segment + "' (expected: a relative path of names made of letters, digits and _@+=,.- "
                        + "separated by '/', without '.' or '..')";
            }
        }
        return null;
    }

    /** The SHA-256 of every path and text, in path order (hex): equal bundles, and only they, share it. */
    public String fingerprint() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] path = f.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] text = f.getValue().getBytes(StandardCharsets.UTF_8);
                sha.update(java.nio.ByteBuffer.allocate(16).putLong(path.length).putLong(text.length).array());
                sha.update(path);
                sha.update(text);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Writes the files below {@code dir} (which exists). */
    void writeTo(Path dir) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey()).normalize();
            if (!file.startsWith(dir)) {
                throw new IOException(f.getKey() + ": outside the bundle");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
    }
}
