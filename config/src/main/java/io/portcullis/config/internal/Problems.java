package io.portcullis.config.internal;

import io.portcullis.config.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects problems for one load, tagging each with the file currently being read and placing it at the line
 * and column where its path was written ({@link Locations} of each file read).
 */
public final class Problems {

    private final List<Problem> all = new ArrayList<>();
    private final Map<String, Locations> locations = new HashMap<>();
    private String file = "";
    private java.nio.file.Path confinement;

    /**
     * Every file path read from now on must lead inside {@code root} (a real path): {@link Values#file} refuses
     * an absolute path, a {@code ..} leading out and a symbolic link leading out, and never returns such a path,
     * so nothing outside is read. What a control plane compiling a submitted bundle needs.
     */
    public void confine(java.nio.file.Path root) {
        this.confinement = root;
    }

    /** The directory file paths are confined to, if any. */
    public java.util.Optional<java.nio.file.Path> confinement() {
        return java.util.Optional.ofNullable(confinement);
    }

    public void file(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** {@code file}'s problems are placed by {@code where}. */
    public void locate(String file, Locations where) {
        locations.put(file, where);
    }

    /** Adds the problems {@code other} collected (for one file read on its own), in their order. */
    public void addAll(Problems other) {
        all.addAll(other.all);
    }

    public void error(String path, String message) {
        all.add(placed(Problem.Severity.ERROR, file, path, message));
    }

    /** An error at a line and column of the current file that no path names (YAML syntax). */
    public void errorAt(int line, int column, String message) {
        all.add(new Problem(Problem.Severity.ERROR, file, line, column, "", "", message));
    }

    public void error(Where where, String message) {
        all.add(placed(Problem.Severity.ERROR, where.file(), where.path(), message));
    }

    /** A warning at {@code path} of the current file. */
    public void warn(String path, String message) {
        all.add(placed(Problem.Severity.WARNING, file, path, message));
    }

    public void warn(Where where, String message) {
        all.add(placed(Problem.Severity.WARNING, where.file(), where.path(), message));
    }

    /** A problem at {@code path} of {@code file}, with its line, column and named path. */
    public Problem placed(Problem.Severity severity, String file, String path, String message) {
        Locations in = locations.get(file);
        if (in == null) {
            return new Problem(severity, file, 0, 0, path, path, message);
        }
        Locations.At at = path.isEmpty() ? null : in.find(path);
        return new Problem(severity, file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), path,
                in.labelled(path), message);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
    }

    public List<Problem> all() {
        return all;
    }

    /** Where a parsed element came from, for messages produced after parsing. */
    public record Where(String file, String path) {
        public Where child(String suffix) {
            return new Where(file, path + suffix);
        }
    }
}
