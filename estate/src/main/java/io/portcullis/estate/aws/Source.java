package io.portcullis.estate.aws;

/**
 * Where an imported value was read: the file (relative to the folder imported, with {@code /} separators) and the
 * RFC 6901 JSON pointer inside it ({@code /SecurityGroups/3/IpPermissions/0}).
 */
public record Source(String file, String pointer) {

    @Override
    public String toString() {
        return file + "#" + pointer;
    }

    /** The pointer one step down: a key (escaped per RFC 6901) or an array index. */
    public Source child(String key) {
        return new Source(file, pointer + "/" + key.replace("~", "~0").replace("/", "~1"));
    }

    public Source child(int index) {
        return new Source(file, pointer + "/" + index);
    }
}
