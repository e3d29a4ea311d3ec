package io.portcullis.runtime.auth;

import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.RequestFacts;
import io.portcullis.identity.jwt.VerifiedToken;
import io.portcullis.policy.ContextKey;
import io.portcullis.policy.ContextValue;
import io.portcullis.policy.Principal;
import io.portcullis.policy.RequestContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The policy engine's view of one gateway request. Values are computed only when a compiled policy asks for
 * their key, so a policy that tests {@code aws:SourceVpce} alone costs one lookup.
 *
 * <p>{@code portcullis:SourceSecurityGroups} holds the bare group ids ({@code sg-...}) of the caller's effective
 * groups, as an AWS policy would name them (group ids are unique across accounts in AWS).
 * {@code portcullis:SourceAccount} is the account the network layer resolved (the workload's or partner's, else
 * the source VPC's), whatever a token claims; {@code aws:PrincipalAccount} is the principal ARN's.
 *
 * <p>The {@code portcullis:Source*} location keys come from one lookup of the source address in the node's geo
 * databases, made when the first of them is asked for; a key is absent when its database does not list the
 * address (see {@link GeoKeys}).
 */
final class RequestContextView implements RequestContext {

    private static final String ACTION = "execute-api:Invoke";

    private final RequestFacts facts;
    private final Principal principal;
    private final String principalArn;
    private final String resource;
    private final VerifiedToken token;
    private final GeoKeys geo;

    RequestContextView(RequestFacts facts, Principal principal, String principalArn, String resource, VerifiedToken token) {
        this(facts, principal, principalArn, resource, token, GeoKeys.NONE);
    }

    RequestContextView(RequestFacts facts, Principal principal, String principalArn, String resource, VerifiedToken token,
                       GeoKeys geo) {
        this.geo = geo;
        this.facts = facts;
        this.principal = principal;
        this.principalArn = principalArn;
        this.resource = resource;
        this.token = token;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public ContextValue value(ContextKey key) {
        Source s = facts.source();
        return switch (key.family()) {
            case JWT -> token == null ? null : claim(token, key.qualifier());
            case PRINCIPAL_TAG, OTHER -> null;
            case WELL_KNOWN -> switch (key.id()) {
                case ContextKey.SOURCE_VPC -> s.vpc().isEmpty() ? null : ContextValue.of(s.vpc());
                case ContextKey.SOURCE_VPCE -> s.vpcEndpoint().isEmpty() ? null : ContextValue.of(s.vpcEndpoint());
                case ContextKey.SOURCE_IP -> ADDRESSES.get(s.address());
                case ContextKey.VPC_SOURCE_IP -> s.vpc().isEmpty() ? null : ADDRESSES.get(s.address());
                case ContextKey.PRINCIPAL_ACCOUNT -> principal.account() == null || principal.account().isEmpty()
                        ? null : ContextValue.of(principal.account());
                case ContextKey.PRINCIPAL_ARN -> principalArn.isEmpty() ? null : ContextValue.of(principalArn);
                case ContextKey.CURRENT_TIME -> ContextValue.of(facts.time().toString());
                case ContextKey.EPOCH_TIME -> ContextValue.of(facts.time().getEpochSecond());
                case ContextKey.SECURE_TRANSPORT -> ContextValue.of(facts.tls());
                case ContextKey.SOURCE_SECURITY_GROUPS -> BARE_GROUP_IDS.get(s.groups());
                case ContextKey.SOURCE_WORKLOAD -> s.workload().isEmpty() ? null : ContextValue.of(s.workload());
                case ContextKey.SOURCE_ACCOUNT -> s.account().isEmpty() ? null : ContextValue.of(s.account());
                case ContextKey.REQUEST_METHOD -> ContextValue.of(facts.method());
                case ContextKey.REQUEST_PATH -> ContextValue.of(pathOnly(facts.path()));
                default -> geo.value(key.id());
            };
        };
    }

    /**
     * Whether some request can carry {@code key}: what {@link #value} can answer with a value. Token claims need a
     * verified token (the API's {@code auth.jwt}); principal tags, {@code aws:username}, {@code aws:userid} and keys
     * of no known family are never supplied. Kept beside {@link #value} so that the two change together (a test
     * checks that they agree).
     */
    static boolean carries(ContextKey key, boolean tokens) {
        return switch (key.family()) {
            case JWT -> tokens;
            case PRINCIPAL_TAG, OTHER -> false;
            case WELL_KNOWN -> key.id() != ContextKey.USERNAME && key.id() != ContextKey.USERID;
        };
    }

    static String pathOnly(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** A source address as the policy sees it, once per address instance (a connection's, shared by its requests). */
    private static final IdentityMemo<InetAddress, ContextValue> ADDRESSES =
            new IdentityMemo<>(1024, ContextValue::ofAddress);

    /** A workload's groups as the policy sees them, once per compiled list (the engine's, shared by its sources). */
    private static final IdentityMemo<List<String>, ContextValue> BARE_GROUP_IDS =
            new IdentityMemo<>(1024, groups -> ContextValue.ofAll(bareIds(groups)));

    private static List<String> bareIds(List<String> groups) {
        List<String> out = new ArrayList<>(groups.size());
        for (String g : groups) {
            out.add(g.substring(g.indexOf('/') + 1));
        }
        return out;
    }

    /** A claim by case-insensitive name (condition-key qualifiers are lower-case), as a context value. */
    private static ContextValue claim(VerifiedToken token, String name) {
        Object v = token.claim(name);
        if (v == null) {
            for (Map.Entry<String, Object> e : token.claims().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    v = e.getValue();
                    break;
                }
            }
        }
        if (v instanceof String str) {
            return ContextValue.of(str);
        }
        if (v instanceof Boolean b) {
            return ContextValue.of(b);
        }
        if (v instanceof Long || v instanceof Integer) {
            return ContextValue.of(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return ContextValue.of(n.doubleValue());
        }
        if (v instanceof List<?> list) {
            List<String> strings = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o instanceof String || o instanceof Number || o instanceof Boolean) {
                    strings.add(o.toString());
                }
            }
            return ContextValue.ofAll(strings);
        }
        return null;
    }
}
