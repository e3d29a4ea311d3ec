package io.portcullis.runtime.reach;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.engine.Reachability;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The callers of one address class, for policies that test the caller's private address
 * ({@code aws:VpcSourceIp}): a workload belongs to a class when one of its addresses does
 * ({@link Representatives#classify}) and the network admits that address (a CIDR rule may admit only some of a
 * workload's addresses), a CIDR when it overlaps the class's range (any CIDR may hold addresses of no
 * named range), a partner always (its ranges are outside every VPC; the policy decides on the address it uses).
 */
final class SourceSplit {

    private SourceSplit() {}

    static List<Reachability.Reached> callers(List<Reachability.Reached> all, List<Representatives.Source> sources,
                                              Representatives.Source source, Function<String, List<String>> addresses,
                                              BiPredicate<String, String> admitted) {
        List<Reachability.Reached> out = new ArrayList<>();
        for (Reachability.Reached c : all) {
            switch (c.kind()) {
                case WORKLOADS -> {
                    List<String> in = c.workloads().stream().filter(id -> addresses.apply(id).stream()
                            .anyMatch(a -> Representatives.classify(sources, new IPAddressString(a).getAddress()).equals(source.label())
                                    && admitted.test(c.vpc(), a)))
                            .toList();
                    if (!in.isEmpty()) {
                        out.add(new Reachability.Reached(c.kind(), c.vpc(), c.account(), c.groups(), in, c.subject(), c.rule()));
                    }
                }
                case CIDR -> {
                    IPAddress cidr = new IPAddressString(c.subject()).getAddress().toPrefixBlock();
                    boolean keep = source.range() == null
                            ? sources.stream().noneMatch(s -> s.range() != null && same(s.range(), cidr) && s.range().contains(cidr))
                            : same(cidr, source.range()) && (cidr.contains(source.range()) || source.range().contains(cidr));
                    if (keep) {
                        out.add(c);
                    }
                }
                case PARTNER -> out.add(c);
            }
        }
        return out;
    }

    private static boolean same(IPAddress a, IPAddress b) {
        return a.getIPVersion() == b.getIPVersion();
    }
}
