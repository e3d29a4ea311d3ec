package io.portcullis.engine.reference;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Schedule;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One question to the engine and the reference: may {@code address} (arriving through {@code endpoint}, or
 * directly when empty) reach {@code api} on {@code protocol}/{@code port} at {@code at}? Drawn so that most
 * queries hit something interesting: workload addresses, VPC space, rule CIDRs, expiry instants to the millisecond.
 */
public record Query(String api, InetAddress address, String endpoint, int protocol, int port, Instant at) {

    static final List<Integer> PROTOCOLS = List.of(6, 6, 6, 17, 1, 58, 50, 47);
    static final List<Integer> PORTS = List.of(22, 443, 8443, 8443, 0, 65535, 1000, 1500, 2000, 80, 8444);
    static final List<String> OUTSIDE = List.of("192.0.2.7", "203.0.113.1", "2001:db8::1", "10.9.0.1", "fd00:9::1");

    public static Query draw(Genes g, PortcullisConfig c) {
        if (g.next(2) == 1) {
            return aimed(g, c);
        }
        String api = g.pick(c.apis()).name();
        String endpoint = g.next(10) < 7 ? "" : "vpce-" + g.next(5);
        return new Query(api, address(g, c), endpoint, g.pick(PROTOCOLS), g.pick(PORTS), instant(g));
    }

    /**
     * A query aimed at one rule of the API's attached group (or a group it extends): a source its peer holds,
     * its protocol, a port at or just past its range, and an instant at its expiry or schedule boundary.
     */
    static Query aimed(Genes g, PortcullisConfig c) {
        Api api = g.pick(c.apis());
        SecurityGroup attached = group(c, g.pick(api.securityGroups()).key());
        List<SecurityGroup> owners = new ArrayList<>(List.of(attached));
        attached.extendsGroups().forEach(r -> owners.add(group(c, r.key())));
        List<IngressRule> rules = owners.stream().flatMap(o -> o.ingress().stream()).toList();
        if (rules.isEmpty()) {
            return new Query(api.name(), address(g, c), "", g.pick(PROTOCOLS), g.pick(PORTS), instant(g));
        }
        IngressRule r = g.pick(rules);
        InetAddress address = address(g, c);
        if (r.from() instanceof Peer.Group pg) {
            List<Workload> members = c.workloads().stream().filter(w -> w.groups().contains(pg.group())).toList();
            if (!members.isEmpty()) {
                address = inet(g.pick(g.pick(members).addresses()));
            }
        } else {
            List<String> cidrs = r.from() instanceof Peer.Cidr pc ? List.of(pc.cidr())
                    : c.prefixLists().stream().filter(p -> p.id().equals(r.from().toString())).findFirst().orElseThrow().cidrs();
            IPAddress block = new IPAddressString(g.pick(cidrs)).getAddress();
            address = block.getLower().withoutPrefixLength().increment(g.next(3)).toInetAddress();
        }
        int protocol = r.protocol().number() == -1 ? g.pick(PROTOCOLS) : r.protocol().number();
        int port = switch (g.next(4)) {
            case 0 -> r.ports().from();
            case 1 -> r.ports().to();
            case 2 -> Math.min(65535, r.ports().to() + 1);
            default -> Math.max(0, r.ports().from() - 1);
        };
        Instant at = instant(g);
        if (r.expires().isPresent() && g.next(2) == 0) {
            at = r.expires().get().plusMillis(g.next(3) - 1);
        } else if (r.schedule().isPresent() && g.next(3) != 0) {
            Schedule s = r.schedule().get();
            LocalTime edge = g.next(2) == 0 ? s.from() : s.to();
            at = ZonedDateTime.of(LocalDateTime.ofInstant(at, s.zone()).toLocalDate(), edge, s.zone()).toInstant()
                    .plusSeconds(g.next(3) - 1);
        }
        return new Query(api.name(), address, g.next(5) == 0 ? "vpce-" + g.next(5) : "", protocol, port, at);
    }

    private static SecurityGroup group(PortcullisConfig c, String key) {
        return c.securityGroups().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
    }

    private static InetAddress inet(String text) {
        return new IPAddressString(text).getAddress().toInetAddress();
    }

    /** A workload's address, an address of some VPC's space, or one outside every VPC. */
    public static InetAddress address(Genes g, PortcullisConfig c) {
        String text = switch (g.next(8)) {
            case 0, 1, 2, 3 -> c.workloads().isEmpty() ? "10.0.0.1" : g.pick(g.pick(c.workloads()).addresses());
            case 4 -> "10." + g.next(5) + "." + g.next(3) + "." + g.next(6);
            case 5 -> "fd00:" + g.next(5) + "::" + g.next(6);
            default -> g.pick(OUTSIDE);
        };
        return new IPAddressString(text).getAddress().toInetAddress();
    }

    /** One of the shared instants, exactly, a millisecond either side, or some half hours later. */
    public static Instant instant(Genes g) {
        Instant base = g.pick(ConfigGenerator.INSTANTS);
        return switch (g.next(4)) {
            case 0 -> base;
            case 1 -> base.minusMillis(1);
            case 2 -> base.plusMillis(1);
            default -> base.plus(Duration.ofMinutes(30L * g.next(48 * 7)));
        };
    }
}
