package io.portcullis.engine;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.regex.Pattern;

/**
 * A source as a person names it on the command line: {@code workload:ID}, {@code ADDRESS@VPC}, {@code ADDRESS}
 * (a direct caller, resolved as the gateway resolves one: the VPC whose space holds it, else the partner whose
 * range does), or {@code group:[ACCOUNT/]SG-ID} (a hypothetical member of the group, with no address).
 */
public sealed interface SourceSpec {

    record OfWorkload(String id) implements SourceSpec {}

    /** An address in a named VPC, or with {@code vpc} empty, a direct caller from that address. */
    record OfAddress(IPAddress address, String vpc) implements SourceSpec {}

    record OfGroup(String account, String group) implements SourceSpec {}

    Pattern GROUP = Pattern.compile("group:(?:(\\d{12})/)?(sg-[A-Za-z0-9-]+)");

    /** Parses the command-line form; the message says what was expected. */
    static SourceSpec parse(String text) {
        if (text.startsWith("workload:") && text.length() > "workload:".length()) {
            return new OfWorkload(text.substring("workload:".length()));
        }
        var g = GROUP.matcher(text);
        if (g.matches()) {
            return new OfGroup(g.group(1) == null ? "" : g.group(1), g.group(2));
        }
        int at = text.lastIndexOf('@');
        IPAddress a = address(at > 0 ? text.substring(0, at) : text);
        if (a != null && (at < 0 || at < text.length() - 1)) {
            return new OfAddress(a, at < 0 ? "" : text.substring(at + 1));
        }
        throw new IllegalArgumentException("source: '" + text + "' (expected: workload:ID, ADDRESS@VPC such as "
                + "10.0.1.5@vpc-trading, ADDRESS for a direct caller such as a partner's 203.0.113.7, or group:[ACCOUNT/]SG-ID)");
    }

    private static IPAddress address(String text) {
        try {
            IPAddress a = new IPAddressString(text).getAddress();
            return a != null && !a.isPrefixed() ? a : null;
        } catch (RuntimeException e) { // the library throws unchecked on some inputs (huge prefix lengths)
            return null;
        }
    }
}
