package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A condition key, resolved once when a policy is compiled so that the gateway answers lookups by {@link #id()}
 * (a switch) or by {@link #family()} and {@link #qualifier()} instead of by string. Key names are
 * case-insensitive, as in IAM: {@link #name()} is lower-case.
 *
 * <p>Keys the gateway supplies have fixed ids ({@link #SOURCE_VPC} ...); tag and claim keys have the family
 * {@link Family#PRINCIPAL_TAG} ({@code aws:PrincipalTag/team}, qualifier {@code team}) or {@link Family#JWT}
 * ({@code jwt:sub}, qualifier {@code sub}); anything else is {@link Family#OTHER} with id {@link #UNKNOWN}.
 */
public final class ContextKey {

    /** How a key is looked up. */
    public enum Family { WELL_KNOWN, PRINCIPAL_TAG, JWT, OTHER }

    public static final int UNKNOWN = -1;
    public static final int SOURCE_VPC = 0;
    public static final int SOURCE_VPCE = 1;
    public static final int SOURCE_IP = 2;
    public static final int VPC_SOURCE_IP = 3;
    public static final int PRINCIPAL_ACCOUNT = 4;
    public static final int PRINCIPAL_ARN = 5;
    public static final int CURRENT_TIME = 6;
    public static final int EPOCH_TIME = 7;
    public static final int SECURE_TRANSPORT = 8;
    public static final int USERNAME = 9;
    public static final int USERID = 10;
    public static final int SOURCE_SECURITY_GROUPS = 11;
    public static final int SOURCE_WORKLOAD = 12;
    public static final int REQUEST_METHOD = 13;
    public static final int REQUEST_PATH = 14;
    public static final int SOURCE_ACCOUNT = 15;
    /** Where the source address is, from the node's geo databases; absent when they do not list it. */
    public static final int SOURCE_COUNTRY = 16;
    public static final int SOURCE_CONTINENT = 17;
    public static final int SOURCE_ANONYMOUS = 18;
    public static final int SOURCE_ANONYMOUS_VPN = 19;
    public static final int SOURCE_HOSTING_PROVIDER = 20;
    public static final int SOURCE_PUBLIC_PROXY = 21;
    public static final int SOURCE_RESIDENTIAL_PROXY = 22;
    public static final int SOURCE_TOR_EXIT_NODE = 23;

    private static final String[] WELL_KNOWN_NAMES = {
            "aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp", "aws:VpcSourceIp", "aws:PrincipalAccount",
            "aws:PrincipalArn", "aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport", "aws:username",
            "aws:userid", "portcullis:SourceSecurityGroups", "portcullis:SourceWorkload",
            "portcullis:RequestMethod", "portcullis:RequestPath", "portcullis:SourceAccount", "portcullis:SourceCountry",
            "portcullis:SourceContinent", "portcullis:SourceAnonymous", "portcullis:SourceAnonymousVpn",
            "portcullis:SourceHostingProvider", "portcullis:SourcePublicProxy", "portcullis:SourceResidentialProxy",
            "portcullis:SourceTorExitNode"};
    private static final Map<String, ContextKey> WELL_KNOWN = new HashMap<>();

    static {
        for (int i = 0; i < WELL_KNOWN_NAMES.length; i++) {
            String n = WELL_KNOWN_NAMES[i];
            WELL_KNOWN.put(lower(n), new ContextKey(i, lower(n), Family.WELL_KNOWN, ""));
        }
    }

    private final int id;
    private final String name;
    private final Family family;
    private final String qualifier;

    private ContextKey(int id, String name, Family family, String qualifier) {
        this.id = id;
        this.name = name;
        this.family = family;
        this.qualifier = qualifier;
    }

    /** The key named {@code name} (any case); the well-known keys are shared instances. */
    public static ContextKey of(String name) {
        requireNonNull(name, "name");
        String lower = lower(name.strip());
        if (lower.isEmpty() || lower.indexOf(':') <= 0) {
            throw new IllegalArgumentException("condition key: '" + name + "' (expected: prefix:name, e.g. aws:SourceVpc)");
        }
        ContextKey known = WELL_KNOWN.get(lower);
        if (known != null) {
            return known;
        }
        if (lower.startsWith("aws:principaltag/") && lower.length() > "aws:principaltag/".length()) {
            return new ContextKey(UNKNOWN, lower, Family.PRINCIPAL_TAG, lower.substring("aws:principaltag/".length()));
        }
        if (lower.startsWith("jwt:") && lower.length() > "jwt:".length()) {
            return new ContextKey(UNKNOWN, lower, Family.JWT, lower.substring("jwt:".length()));
        }
        return new ContextKey(UNKNOWN, lower, Family.OTHER, "");
    }

    /** The names of the keys with fixed ids, spelled as AWS documents them ({@code aws:SourceVpc}), in id order. */
    public static List<String> wellKnownNames() {
        return List.of(WELL_KNOWN_NAMES);
    }

    /** The fixed id of a well-known key, or {@link #UNKNOWN}. */
    public int id() {
        return id;
    }

    /** The lower-case name, e.g. {@code aws:sourcevpc}. */
    public String name() {
        return name;
    }

    public Family family() {
        return family;
    }

    /** The tag key or claim name (lower-case) for {@link Family#PRINCIPAL_TAG} and {@link Family#JWT}; else "". */
    public String qualifier() {
        return qualifier;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContextKey k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
