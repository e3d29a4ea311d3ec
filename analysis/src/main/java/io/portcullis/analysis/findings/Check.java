package io.portcullis.analysis.findings;

import java.util.List;

/** One rule's (or a family's) check over the estate: adds its findings to {@code out}. */
interface Check {
    void run(Estate estate, List<Finding> out);
}
