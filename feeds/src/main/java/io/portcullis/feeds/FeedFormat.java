package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The feed formats Portcullis reads, with the names used in the configuration ({@code feeds[].format}). */
public enum FeedFormat {
    /** Spamhaus DROP text: {@code ;} comment lines, entries {@code CIDR ; SBLnnnn}. */
    SPAMHAUS_DROP("spamhaus-drop"),
    /** Spamhaus DROP JSON lines ({@code drop_v4.json}, {@code drop_v6.json}) ending with a metadata line. */
    SPAMHAUS_DROP_JSON("spamhaus-drop-json"),
    /** A FireHOL {@code .netset}: {@code #} comment lines, one address or CIDR per line. */
    FIREHOL_NETSET("firehol-netset"),
    /** One address or CIDR per line; {@code #} starts a comment, on its own line or after the entry. */
    PLAIN("plain");

    private final String configName;

    FeedFormat(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration, e.g. {@code spamhaus-drop-json}. */
    public String configName() {
        return configName;
    }

    /**
     * The format with this configuration name.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static FeedFormat of(String configName) {
        requireNonNull(configName, "configName");
        for (FeedFormat f : values()) {
            if (f.configName.equals(configName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format: '" + configName + "' (expected: one of "
                + Arrays.stream(values()).map(FeedFormat::configName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return configName;
    }
}
