package io.portcullis.runtime.reach;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.AwsApi;
import io.portcullis.policy.ConditionSpec;
import io.portcullis.policy.IpBlocks;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The representatives the policies of one API distinguish, read from the documents themselves rather than
 * guessed: the principals they name (plus anonymous, the API's account and any other account), the resources of
 * this API they name (plus one they do not), and the source ranges their address conditions name (plus an address
 * in none). Evaluating one representative per class decides the class, because a policy can only tell two
 * requests apart by a value it writes.
 */
final class Representatives {

    /** A resource of the API: the concrete ARN evaluated and its label relative to the API ({@code *} for unnamed). */
    record Resource(String arn, String label) {}

    /**
     * Addresses the policies' conditions tell apart: the range's label, a concrete address in it (and in no more
     * specific range a policy names), and the range (null for the addresses in none).
     */
    record Source(String label, String address, IPAddress range) {}

    static final String UNNAMED = "portcullis-unnamed";

    private Representatives() {}

    /** Anonymous, the API's account, each principal or account named, any other account. */
    static List<PrincipalClass> principals(AwsApi api, List<PolicyDocument> docs, Set<String> estate) {
        Map<String, PrincipalClass> out = new LinkedHashMap<>();
        out.put("", new PrincipalClass(PrincipalClass.Kind.ANONYMOUS, "", ""));
        out.put(api.account(), new PrincipalClass(PrincipalClass.Kind.API_ACCOUNT, role(api.account()), api.account()));
        Set<String> named = new LinkedHashSet<>();
        for (PolicyDocument d : docs) {
            for (Statement s : d.statements()) {
                named.addAll(s.principal().aws());
                for (ConditionSpec c : s.conditions()) {
                    String key = c.key().toLowerCase(Locale.ROOT);
                    if (key.equals("aws:principalaccount") || key.equals("aws:principalarn")) {
                        c.values().forEach(v -> named.add(concrete(v))); // a pattern stands for a principal it matches
                    }
                }
            }
        }
        for (String n : named) {
            if (n.equals("*")) {
                continue;
            }
            if (n.matches("\\d{12}")) {
                out.putIfAbsent(n, new PrincipalClass(PrincipalClass.Kind.NAMED, role(n), n));
            } else if (n.startsWith("arn:")) {
                String[] p = n.split(":", 6);
                if (p.length == 6 && p[4].matches("\\d{12}")) {
                    if (!p[5].equals("root")) {
                        out.putIfAbsent(n, new PrincipalClass(PrincipalClass.Kind.NAMED, n, p[4]));
                    }
                    // the account's principals the ARN does not name (or all of them, for :root)
                    out.putIfAbsent(p[4], new PrincipalClass(PrincipalClass.Kind.NAMED, role(p[4]), p[4]));
                }
            }
        }
        String other = otherAccount(out.keySet(), estate);
        out.put("other", new PrincipalClass(PrincipalClass.Kind.OTHER_ACCOUNT, role(other), other));
        return List.copyOf(out.values());
    }

    /** A role in {@code account} that no policy names (policies name roles by ARN). */
    static String role(String account) {
        return "arn:aws:iam::" + account + ":role/" + UNNAMED;
    }

    /** A 12-digit account id that is neither the estate's nor named by a policy. */
    static String otherAccount(Set<String> named, Set<String> estate) {
        for (long a = 999_999_999_999L; ; a--) {
            String s = Long.toString(a);
            if (!named.contains(s) && !estate.contains(s)) {
                return s;
            }
        }
    }

    /**
     * The resources of {@code api} that the patterns name ({@code Resource} and {@code NotResource} of every
     * statement, with the shorthand {@code execute-api:/} read against this API) and one no pattern names.
     */
    static List<Resource> resources(AwsApi api, List<PolicyDocument> docs) {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (PolicyDocument d : docs) {
            for (Statement s : d.statements()) {
                for (String r : s.resources()) {
                    String path = pathIn(api, r);
                    if (path != null && !path.isEmpty() && !path.equals("*") && !path.equals("*/*")) {
                        out.putIfAbsent(path, new Resource(api.arn() + "/" + concrete(path), path));
                    }
                }
            }
        }
        List<Resource> all = new ArrayList<>(out.values());
        all.add(new Resource(api.arn() + "/" + UNNAMED + "/GET/" + UNNAMED, "*"));
        return List.copyOf(all);
    }

    /** The stage/method/path part of a pattern that can name a resource of {@code api}, or null. */
    static String pathIn(AwsApi api, String pattern) {
        if (pattern.startsWith("execute-api:/")) {
            return pattern.substring("execute-api:/".length());
        }
        String[] p = pattern.split(":", 6);
        if (p.length != 6 || !glob(p[0], "arn") || !glob(p[2], "execute-api") || !glob(p[3], api.region())
                || !glob(p[4], api.account())) {
            return null;
        }
        int slash = p[5].indexOf('/');
        String id = slash < 0 ? p[5] : p[5].substring(0, slash);
        if (!glob(id, api.id())) {
            return null;
        }
        return slash < 0 ? "" : p[5].substring(slash + 1);
    }

    /** A concrete value a pattern matches: each wildcard stands for the letter x. */
    static String concrete(String pattern) {
        return pattern.replace('*', 'x').replace('?', 'x');
    }

    static boolean glob(String pattern, String value) {
        if (pattern.equals("*")) {
            return true;
        }
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(re.toString());
    }

    /**
     * The ranges named by conditions on {@code key} ({@code aws:SourceIp} or {@code aws:VpcSourceIp}), each with
     * its first address, and {@link WhoCanInvoke#ANY_OTHER_ADDRESS} with an address in none of them; empty when
     * no condition tests the key. A value is read as the evaluator reads it ({@link IpBlocks#parse}: a bare address
     * is its /32 or /128), so every range has a prefix length; one the evaluator rejects names no range.
     */
    static List<Source> sources(List<PolicyDocument> docs, String key) {
        Map<String, IPAddress> named = new LinkedHashMap<>();
        for (PolicyDocument d : docs) {
            for (Statement s : d.statements()) {
                for (ConditionSpec c : s.conditions()) {
                    if (c.key().equalsIgnoreCase(key)) {
                        for (String v : c.values()) {
                            try {
                                named.putIfAbsent(v, IpBlocks.parse(v));
                            } catch (IllegalArgumentException e) {
                                // names no range: the evaluator refuses the document, which denies everything
                                // (its note says why), and a value of another operator is no range either
                            }
                        }
                    }
                }
            }
        }
        if (named.isEmpty()) {
            return List.of();
        }
        List<IPAddress> ranges = List.copyOf(named.values());
        List<Source> all = new ArrayList<>();
        named.forEach((label, range) -> {
            String rep = inside(range, ranges);
            if (rep != null) {
                all.add(new Source(label, rep, range));
            }
        });
        String other = outside(ranges);
        if (other != null) {
            all.add(new Source(WhoCanInvoke.ANY_OTHER_ADDRESS, other, null));
        }
        return List.copyOf(all);
    }

    /**
     * The label of the source an address belongs to: the most specific named range holding it, else
     * {@link WhoCanInvoke#ANY_OTHER_ADDRESS}.
     */
    static String classify(List<Source> sources, IPAddress address) {
        Source best = null;
        for (Source s : sources) {
            if (s.range() != null && s.range().getIPVersion() == address.getIPVersion() && s.range().contains(address)
                    && (best == null || s.range().getPrefixLength() > best.range().getPrefixLength())) {
                best = s;
            }
        }
        return best == null ? WhoCanInvoke.ANY_OTHER_ADDRESS : best.label();
    }

    /** An address of {@code range} in no more specific range of {@code ranges} (its first few are tried), or null. */
    private static String inside(IPAddress range, List<IPAddress> ranges) {
        IPAddress candidate = range.getLower().withoutPrefixLength();
        for (int i = 0; i < 64 && candidate != null && range.contains(candidate); i++) {
            IPAddress c = candidate;
            if (ranges.stream().noneMatch(r -> r.getIPVersion() == c.getIPVersion() && r.getPrefixLength() > range.getPrefixLength()
                    && r.contains(c))) {
                return c.toCanonicalString();
            }
            IPAddress next = ranges.stream().filter(r -> r.getIPVersion() == c.getIPVersion() && r.contains(c)
                    && r.getPrefixLength() > range.getPrefixLength()).map(r -> r.getUpper().withoutPrefixLength()).findFirst().orElse(c);
            candidate = next.increment(1);
        }
        return null;
    }

    /**
     * An address in none of the ranges: IPv4 candidates spread over the space, then IPv6 ones; null when the
     * ranges cover both (then no address is "other").
     */
    private static String outside(List<IPAddress> ranges) {
        long a = 0xC6336401L; // 198.51.100.1 (documentation range), then large odd strides
        for (int i = 0; i < 4096; i++, a = (a + 0x01000193L) & 0xFFFF_FFFFL) {
            IPAddress c = new IPAddressString(((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255)
                    + "." + (a & 255)).getAddress();
            if (ranges.stream().noneMatch(r -> r.getIPVersion() == c.getIPVersion() && r.contains(c))) {
                return c.toCanonicalString();
            }
        }
        for (String v6 : List.of("2001:db8::1", "fd00::1", "2600::1")) {
            IPAddress c = new IPAddressString(v6).getAddress();
            if (ranges.stream().noneMatch(r -> r.getIPVersion() == c.getIPVersion() && r.contains(c))) {
                return c.toCanonicalString();
            }
        }
        return null;
    }
}
