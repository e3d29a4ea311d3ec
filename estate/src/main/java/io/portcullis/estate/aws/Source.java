package io.portcullis.estate.aws;

import static java.util.Objects.requireNonNull;

/**
 * Where an imported value was read: the file (relative to the folder imported, with {@code /} separators) and the
 * RFC 6901 JSON pointer inside it ({@code /SecurityGroups/3/IpPermissions/0}).
 *
 * <p>A value equal by its file and pointer. A child ({@link #child}) keeps its parent and its step and writes its
 * pointer when first asked: the reader takes a child for every field it reads, and most are never cited (only
 * problems and the traces of what is written need the text).
 */
public final class Source {

    private final String file;
    private final Source parent;
    private final String key; // the step below parent, escaped; null for an index step
    private final int index;
    private volatile String pointer;

    public Source(String file, String pointer) {
        this.file = requireNonNull(file, "file");
        this.pointer = requireNonNull(pointer, "pointer");
        this.parent = null;
        this.key = null;
        this.index = -1;
    }

    private Source(Source parent, String key, int index) {
        this.file = parent.file;
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    public String file() {
        return file;
    }

    public String pointer() {
        String p = pointer;
        if (p == null) {
            p = parent.pointer() + "/" + (key != null ? key : Integer.toString(index));
            pointer = p; // a race writes the same text
        }
        return p;
    }

    /** The pointer one step down: a key (escaped per RFC 6901) or an array index. */
    public Source child(String key) {
        return new Source(this, key.replace("~", "~0").replace("/", "~1"), -1);
    }

    public Source child(int index) {
        return new Source(this, null, index);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Source s && s.file.equals(file) && s.pointer().equals(pointer());
    }

    @Override
    public int hashCode() {
        return 31 * file.hashCode() + pointer().hashCode();
    }

    @Override
    public String toString() {
        return file + "#" + pointer();
    }
}
