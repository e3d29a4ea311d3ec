package io.portcullis.policy;

import java.util.HashSet;
import java.util.Set;

/**
 * A compiled {@code Principal}/{@code NotPrincipal}. {@code "*"} (and {@code {"AWS": "*"}}) matches everyone,
 * anonymous callers included. An account id or {@code arn:...:iam::ACCOUNT:root} matches every principal of that
 * account; a role ARN matches the role and its STS assumed-role sessions; other ARNs, services, federated
 * providers and canonical users match exactly. All lookups are hash-set probes.
 */
final class PrincipalMatcher {

    private final boolean anyone;
    private final boolean not;
    private final Set<String> arns = new HashSet<>();
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> roles = new HashSet<>();
    private final Set<String> services;
    private final Set<String> federated;
    private final Set<String> canonical;

    PrincipalMatcher(PrincipalSpec spec, boolean not) {
        this.anyone = spec.anyone();
        this.not = not;
        for (String v : spec.aws()) {
            if (!v.startsWith("arn:")) {
                accounts.add(v);
                continue;
            }
            String[] p = v.split(":", 6);
            if (p[5].equals("root")) {
                accounts.add(p[4]);
            } else {
                arns.add(v);
                if (p[2].equals("iam") && p[5].startsWith("role/")) {
                    String name = p[5].substring(p[5].lastIndexOf('/') + 1);
                    roles.add(Principal.roleKey(p[4], name));
                }
            }
        }
        services = Set.copyOf(spec.service());
        federated = Set.copyOf(spec.federated());
        canonical = Set.copyOf(spec.canonicalUser());
    }

    boolean matches(Principal p) {
        return listed(p) != not;
    }

    private boolean listed(Principal p) {
        if (anyone) {
            return true;
        }
        return switch (p.type()) {
            case ANONYMOUS -> false;
            case AWS -> arns.contains(p.id()) || accounts.contains(p.account())
                    || (!p.roleKey().isEmpty() && roles.contains(p.roleKey()));
            case SERVICE -> services.contains(p.id());
            case FEDERATED -> federated.contains(p.id());
            case CANONICAL_USER -> canonical.contains(p.id());
        };
    }
}
