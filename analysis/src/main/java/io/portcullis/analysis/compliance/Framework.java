package io.portcullis.analysis.compliance;

import static java.util.Objects.requireNonNull;

/** A compliance framework of the mapping: its id ({@code pci-dss}), its full name and where it is published. */
public record Framework(String id, String name, String url) {
    public Framework {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(url, "url");
    }
}
