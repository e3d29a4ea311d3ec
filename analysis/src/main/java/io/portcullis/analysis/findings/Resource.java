package io.portcullis.analysis.findings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a finding is about, and where it was written.
 *
 * @param key the stable identity, by ids and content rather than positions
 *     ({@code securityGroups(111111111111/sg-web).ingress(tcp/22 from 0.0.0.0/0)}): it survives reordering, so
 *     fingerprints and baselines do
 * @param path the path in the merged configuration ({@code securityGroups[3].ingress[1]})
 * @param file the file it was written in ({@code ""} when unknown)
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 * @param named the path inside that file with ids ({@code securityGroups[3](sg-web).ingress[1]})
 * @param imported where the importer read it ({@code import-sources.json}) when the configuration was imported: the
 *     AWS CLI files and JSON pointers (an item can come from several); empty otherwise
 */
public record Resource(String key, String path, String file, int line, int column, String named,
                       List<ImportSource> imported) {

    public Resource {
        requireNonNull(key, "key");
        requireNonNull(path, "path");
        requireNonNull(file, "file");
        requireNonNull(named, "named");
        imported = List.copyOf(imported);
    }

    /** {@code FILE:LINE:COLUMN: NAMED}, the one problem format; parts that are unknown are left out. */
    public String where() {
        StringBuilder b = new StringBuilder();
        if (!file.isEmpty()) {
            b.append(file);
            if (line > 0) {
                b.append(':').append(line).append(':').append(column);
            }
            b.append(": ");
        }
        return b.append(named.isEmpty() ? path : named).toString();
    }

    /** The AWS CLI output an imported item came from: the file and the JSON pointer inside it. */
    public record ImportSource(String file, String pointer) {
        public ImportSource {
            requireNonNull(file, "file");
            requireNonNull(pointer, "pointer");
        }

        @Override
        public String toString() {
            return file + "#" + pointer;
        }
    }
}
