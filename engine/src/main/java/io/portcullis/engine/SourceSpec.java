package io.portcullis.engine;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.regex.Pattern;

/**
 * A source as a person names it on the command line: {@code workload:ID}, {@code ADDRESS@VPC}, or
 * {@code group:[ACCOUNT/]SG-ID} (a hypothetical member of the group, with no address).
 */
public sealed interface SourceSpec {

    record OfWorkload(String id) implements SourceSpec {}

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
        if (at > 0) {
            IPAddress a;
            try {
                a = new IPAddressString(text.substring(0, at)).getAddress();
            } catch (RuntimeException e) { // the library throws unchecked on some inputs (huge prefix lengths)
                a = null;
            }
            if (a != null && !a.isPrefixed()) {
                return new OfAddress(a, text.substring(at + 1));
            }
        }
        throw new IllegalArgumentException("source: '" + text
                + "' (expected: workload:ID, ADDRESS@VPC such as 10.0.1.5@vpc-trading, or group:[ACCOUNT/]SG-ID)");
    }
}
