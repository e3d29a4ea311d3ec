package io.portcullis.estate.aws;

import java.util.ArrayList;
import java.util.List;

/** The read problems of one import, in the order found; reading goes on after each so all are reported at once. */
public final class Problems {

    private final List<ReadProblem> all = new ArrayList<>();

    public void error(Source at, String message) {
        all.add(new ReadProblem(at.file(), at.pointer(), 0, 0, message));
    }

    public void syntax(String file, int line, int column, String message) {
        all.add(new ReadProblem(file, "", line, column, message));
    }

    /** Appends the problems {@code other} collected (one file read on another thread), in their order. */
    public void addAll(Problems other) {
        all.addAll(other.all);
    }

    public List<ReadProblem> all() {
        return List.copyOf(all);
    }

    public int count() {
        return all.size();
    }
}
