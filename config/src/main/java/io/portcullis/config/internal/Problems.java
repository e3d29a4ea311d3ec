package io.portcullis.config.internal;

import io.portcullis.config.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects problems for one load, tagging each with the file currently being read. */
public final class Problems {

    private final List<Problem> all = new ArrayList<>();
    private String file = "";

    public void file(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void error(String path, String message) {
        all.add(new Problem(Problem.Severity.ERROR, file, path, message));
    }

    public void error(Where where, String message) {
        all.add(new Problem(Problem.Severity.ERROR, where.file(), where.path(), message));
    }

    public void warn(Where where, String message) {
        all.add(new Problem(Problem.Severity.WARNING, where.file(), where.path(), message));
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
