package io.portcullis.estate.map;

import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.map.ReportEntry.Category;
import java.util.Locale;

/**
 * An IpPermission's protocol and ports as the configuration writes them: {@code -1} is {@code all} (AWS ignores
 * its ports); tcp and udp keep their port range (0-65535, or -1, is every port); ICMP's FromPort and ToPort are a
 * type and a code, which the configuration cannot narrow to, so such a rule is written for all ICMP (wider than
 * AWS: an analysis then never misses what AWS admits) and reported.
 */
final class Rules {

    record Traffic(String protocol, String ports) {}

    private Rules() {}

    static Traffic traffic(AwsEstate.Permission p, String group, Scope scope) {
        String protocol = switch (p.protocol().toLowerCase(Locale.ROOT)) {
            case "-1", "all" -> "all";
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "icmpv6", "58" -> "icmpv6";
            default -> p.protocol().matches("\\d{1,3}") && Integer.parseInt(p.protocol()) <= 255 ? p.protocol() : null;
        };
        if (protocol == null) {
            scope.problems.error(p.source().child("IpProtocol"), "'" + p.protocol() + "' (expected: tcp, udp, icmp, icmpv6, -1 or a protocol number 0-255)");
            return null;
        }
        Integer from = p.fromPort();
        Integer to = p.toPort();
        if (protocol.equals("tcp") || protocol.equals("udp")) {
            if (from == null || to == null || from == -1 || to == -1 || (from == 0 && to == 65535)) {
                boolean half = (from == null) != (to == null) || from != null && to != null && (from == -1) != (to == -1);
                if (half) { // AWS always gives both for tcp and udp: a half-given range is read as every port, and said so
                    scope.report.add(Category.WIDENED, protocol + " rule of " + group, "FromPort " + from + " and ToPort " + to
                            + " do not make a range; written for every " + protocol + " port", p.source());
                }
                return new Traffic(protocol, null);
            }
            if (from > to) {
                scope.problems.error(p.source(), "FromPort " + from + " > ToPort " + to + " (expected: FromPort <= ToPort)");
                return null;
            }
            return new Traffic(protocol, from.equals(to) ? String.valueOf(from) : from + "-" + to);
        }
        if ((protocol.equals("icmp") || protocol.equals("icmpv6")) && from != null && from != -1) {
            scope.report.add(Category.WIDENED, "ICMP rule of " + group, "AWS admits ICMP type " + from
                    + (to == null || to == -1 ? "" : " code " + to) + " only; written as all " + protocol
                    + " (the configuration has no ICMP type or code)", p.source());
        }
        return new Traffic(protocol, null);
    }
}
