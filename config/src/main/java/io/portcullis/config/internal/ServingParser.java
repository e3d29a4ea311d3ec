package io.portcullis.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import io.portcullis.config.Schedule;
import io.portcullis.config.api.AuthConfig;
import io.portcullis.config.api.BindConfig;
import io.portcullis.config.api.JwtConfig;
import io.portcullis.config.api.PolicySource;
import io.portcullis.config.api.RouteConfig;
import io.portcullis.config.api.RouteRequirementsConfig;
import io.portcullis.config.api.Serving;
import io.portcullis.settings.ClientAuth;
import io.portcullis.settings.HeaderRules;
import io.portcullis.settings.JwsAlg;
import io.portcullis.settings.Limits;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitScope;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.settings.Timeouts;
import io.portcullis.settings.TlsSettings;
import io.portcullis.settings.UpstreamUris;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the serving fields of one {@code apis[]} entry (upstream, PROXY protocol, TLS, limits, timeouts, routes,
 * auth, resource policy) into {@link Serving}, straight into the stages' typed settings (module
 * {@code settings}). The YAML's shapes and formats are read here; the rules of each setting are those of its
 * constructor, whose refusal is reported at the field it names, so a rule lives in one place. Whether files exist
 * and keys load is checked when the plan is compiled, so {@code validate} and {@code run} agree.
 */
final class ServingParser {

    static final List<String> SERVING_KEYS = List.of("upstream", "proxyProtocol", "trustedProxies", "tls", "limits",
            "timeouts", "routes", "auth", "resourcePolicy", "headers");
    private static final Set<String> HTTP = Set.of("http", "https");
    private static final List<String> RATE_KEYS = java.util.Arrays.stream(RateLimitKey.values())
            .map(ServingParser::lower).toList();
    private static final List<String> ALGORITHMS = java.util.Arrays.stream(JwsAlg.values()).map(Enum::name).toList();
    /** A setting's refusal names its field first: {@code maxHeaderBytes: 100 (expected: >= 256)}. */
    private static final Pattern FIELD_MESSAGE = Pattern.compile("([A-Za-z][A-Za-z0-9]*(?:\\[\\d+])?): (.*)", Pattern.DOTALL);
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern PRINCIPAL = Pattern.compile("[ -~]{1,512}");
    private static final Pattern API_ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long MAX_INT = Integer.MAX_VALUE;

    private final Problems problems;
    private final GroupParser groups;
    private boolean ok;

    ServingParser(Problems problems, GroupParser groups) {
        this.problems = problems;
        this.groups = groups;
    }

    /** The serving part of the API whose fields are {@code f}; null when anything in it is invalid. */
    Serving parse(Fields f, String apiName) {
        ok = true;
        Optional<URI> upstream = Optional.ofNullable(upstream(f));
        ProxyProtocol proxy = enumValue(f, "proxyProtocol", ProxyProtocol.class, ProxyProtocol.OFF);
        List<String> trusted = cidrs(f, "trustedProxies");
        if (proxy != ProxyProtocol.OFF && trusted.isEmpty() && ok) {
            fail(f.path("trustedProxies"), "missing (expected: the CIDRs of the load balancers allowed to send a PROXY header, "
                    + "since proxyProtocol is " + lower(proxy) + ")");
        }
        Optional<TlsSettings> tls = f.has("tls") ? Optional.ofNullable(tls(f.path("tls"), f.raw("tls"))) : Optional.empty();
        Limits limits = f.has("limits") ? limits(f.path("limits"), f.raw("limits")) : Limits.DEFAULT;
        Timeouts timeouts = f.has("timeouts") ? timeouts(f.path("timeouts"), f.raw("timeouts")) : Timeouts.DEFAULT;
        List<RouteConfig> routes = new ArrayList<>();
        f.objects("routes").forEach(e -> routes.add(route(e.getKey(), e.getValue())));
        AuthConfig auth = f.has("auth") ? auth(f.path("auth"), f.raw("auth"), apiName) : AuthConfig.NONE;
        Optional<PolicySource> policy = f.has("resourcePolicy")
                ? Optional.ofNullable(policy(f.path("resourcePolicy"), f.raw("resourcePolicy"))) : Optional.empty();
        HeaderRules headers = f.has("headers") ? headers(f.path("headers"), f.raw("headers")) : HeaderRules.NONE;
        if (!ok || routes.contains(null) || limits == null || timeouts == null || auth == null || headers == null) {
            return null;
        }
        boolean token = auth.jwt().isPresent();
        boolean certificate = tls.flatMap(TlsSettings::clientCa).isPresent();
        identityKeys(f.path("limits") + ".rateLimits", limits.rateLimits(), token, certificate);
        for (int r = 0; r < routes.size(); r++) {
            identityKeys(f.path("routes") + "[" + r + "].limits.rateLimits", routes.get(r).settings().rateLimits(), token, certificate);
        }
        if (!ok) {
            return null;
        }
        return new Serving(upstream, proxy, trusted, tls, limits, timeouts, routes, auth, policy, headers);
    }

    /** {@code console.tls}: the shape and rules of an API's {@code tls}; null when invalid (the problems added). */
    TlsSettings consoleTls(String path, JsonNode node) {
        ok = true;
        TlsSettings tls = tls(path, node);
        return ok ? tls : null;
    }

    /** {@code console.auth.jwt}: the shape and rules of an API's {@code auth.jwt}; null when invalid. */
    JwtConfig consoleJwt(String path, JsonNode node) {
        ok = true;
        JwtConfig jwt = jwt(path, node);
        return ok ? jwt : null;
    }

    private TlsSettings tls(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        Path cert = file(f, "cert", true);
        Path key = file(f, "key", true);
        Path clientCa = file(f, "clientCa", false);
        ClientAuth auth = enumValue(f, "clientAuth", ClientAuth.class, clientCa != null ? ClientAuth.REQUIRED : ClientAuth.NONE);
        Path crl = file(f, "crl", false);
        boolean bind = bool(f, "bindCertificateToWorkload");
        f.done();
        return cert == null || key == null || auth == null || !f.valid() ? null : setting(path,
                () -> new TlsSettings(cert, key, Optional.ofNullable(clientCa), auth, Optional.ofNullable(crl), bind));
    }

    /** The API's limits: each field absent keeps its default ({@link Limits#DEFAULT}). */
    private Limits limits(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        Limits d = Limits.DEFAULT;
        long body = optionalBytes(f, "maxBodyBytes").orElse(d.maxBodyBytes());
        int header = optionalInt(f, "maxHeaderBytes", true).orElse(d.maxHeaderBytes());
        int perSource = optionalInt(f, "maxConnectionsPerSource", false).orElse(d.maxConnectionsPerSource());
        int perGroup = optionalInt(f, "maxConnectionsPerGroup", false).orElse(d.maxConnectionsPerGroup());
        int total = optionalInt(f, "maxConnections", false).orElse(d.maxConnections());
        int inFlight = optionalInt(f, "maxRequestsInFlightPerSource", false).orElse(d.maxRequestsInFlightPerSource());
        int upstreams = optionalInt(f, "maxUpstreamConnections", false).orElse(d.maxUpstreamConnections());
        List<RateLimitSettings> rates = rateLimits(f);
        f.done();
        return f.valid() && rates != null ? setting(path,
                () -> new Limits(header, body, perSource, perGroup, total, inFlight, upstreams, rates)) : null;
    }

    private List<RateLimitSettings> rateLimits(Fields f) {
        List<RateLimitSettings> rates = new ArrayList<>();
        f.objects("rateLimits").forEach(e -> rates.add(rateLimit(e.getKey(), e.getValue())));
        return rates.contains(null) ? null : rates;
    }

    private RateLimitSettings rateLimit(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String key = Values.oneOf(f.required("key", "one of " + String.join(", ", RATE_KEYS)), RATE_KEYS, f.path("key"), problems);
        Long capacity = Values.positive(f.required("capacity", "the bucket size"), 1_000_000_000L, f.path("capacity"), problems);
        String rawRefill = f.optional("refillTokens", "tokens added per period");
        Long refill = rawRefill == null ? capacity : Values.positive(rawRefill, 1_000_000_000L, f.path("refillTokens"), problems);
        Duration period = Values.duration(f.required("refillPeriod", "a duration such as 1s or 1m"), f.path("refillPeriod"), problems);
        RateLimitScope scope = enumValue(f, "scope", RateLimitScope.class, RateLimitScope.LOCAL);
        f.done();
        if (key == null || capacity == null || refill == null || period == null || scope == null) {
            ok = false;
            return null;
        }
        return setting(path, () -> new RateLimitSettings(RateLimitKey.valueOf(key.toUpperCase(Locale.ROOT)), capacity,
                refill, period, scope));
    }

    /** The API's timeouts: each field absent keeps its default ({@link Timeouts#DEFAULT}). */
    private Timeouts timeouts(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        Timeouts d = Timeouts.DEFAULT;
        Duration connect = duration(f, "connect").orElse(d.connect());
        Duration headerRead = duration(f, "headerRead").orElse(d.headerRead());
        Duration idle = duration(f, "idle").orElse(d.idle());
        Duration upstreamResponse = duration(f, "upstreamResponse").orElse(d.upstreamResponse());
        Duration bodyRead = duration(f, "bodyRead").orElse(d.bodyRead());
        Duration send = duration(f, "send").orElse(d.send());
        f.done();
        return f.valid() ? setting(path, () -> new Timeouts(connect, headerRead, idle, upstreamResponse, bodyRead, send))
                : null;
    }

    private RouteConfig route(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String p = f.required("path", "a path pattern such as /orders, /orders/* or /orders/**");
        List<String> methods = f.strings("methods", "HTTP methods such as GET");
        for (int i = 0; i < methods.size(); i++) {
            if (Values.matching(methods.get(i), METHOD, f.path("methods") + "[" + i + "]", "an upper-case HTTP method such as GET", problems) == null) {
                ok = false;
            }
        }
        Optional<URI> upstream = Optional.ofNullable(upstream(f));
        OptionalLong maxBody = OptionalLong.empty();
        List<RateLimitSettings> rates = List.of();
        if (f.has("limits")) { // a route limits its body size and rates; the rest is the API's
            Fields l = new Fields(f.raw("limits"), f.path("limits"), problems);
            maxBody = optionalBytes(l, "maxBodyBytes");
            rates = rateLimits(l);
            l.done();
            ok &= l.valid() && rates != null;
        }
        RouteRequirementsConfig requires = f.has("requires") ? requirements(f.path("requires"), f.raw("requires")) : RouteRequirementsConfig.NONE;
        f.done();
        if (p == null || rates == null || requires == null || !f.valid()) {
            ok = false;
            return null;
        }
        OptionalLong body = maxBody;
        List<RateLimitSettings> limits = rates;
        RouteSettings settings = setting(path, () -> new RouteSettings(p, new LinkedHashSet<>(methods), upstream, body, limits));
        return settings == null ? null : new RouteConfig(settings, requires);
    }

    /** {@code headers}: the identity passed upstream, and request and response rules. */
    private HeaderRules headers(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        Map<HeaderRules.IdentityField, String> identity = new EnumMap<>(HeaderRules.IdentityField.class);
        if (f.has("identity")) {
            Fields i = new Fields(f.raw("identity"), f.path("identity"), problems);
            for (HeaderRules.IdentityField field : HeaderRules.IdentityField.values()) {
                String name = i.optional(lower(field), "a header name");
                if (name != null) {
                    identity.put(field, name);
                }
            }
            i.done();
            ok &= i.valid();
        }
        List<List<String>> removes = new ArrayList<>();
        List<Map<String, String>> sets = new ArrayList<>();
        for (String side : List.of("request", "response")) {
            List<String> remove = List.of();
            Map<String, String> set = Map.of();
            if (f.has(side)) {
                Fields r = new Fields(f.raw(side), f.path(side), problems);
                remove = r.strings("remove", "header names");
                set = r.stringMap("set");
                r.done();
                ok &= r.valid();
            }
            removes.add(remove);
            sets.add(set);
        }
        f.done();
        return f.valid() && ok ? setting(path, () -> new HeaderRules(identity, removes.get(0), sets.get(0), removes.get(1),
                sets.get(1))) : null;
    }

    private RouteRequirementsConfig requirements(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        List<String> scopes = f.strings("scopes", "scope names");
        List<String> roles = f.strings("roles", "role names");
        String rolesClaim = claim(f, "rolesClaim");
        List<String> countries = countryCodes(f);
        Boolean notAnonymous = f.bool("notAnonymous");
        Optional<Schedule> window = Optional.empty();
        if (f.has("window")) {
            Schedule s = groups.schedule(f.path("window"), f.raw("window"));
            if (s == null) {
                ok = false;
                return null;
            }
            window = Optional.of(s);
        }
        f.done();
        return f.valid() && notAnonymous != null ? new RouteRequirementsConfig(scopes, roles,
                rolesClaim == null ? "roles" : rolesClaim, window, countries, notAnonymous) : null;
    }

    /** {@code requires.countries}: ISO 3166-1 alpha-2 codes as the geo database writes them (upper case). */
    private List<String> countryCodes(Fields f) {
        List<String> codes = f.strings("countries", "ISO 3166-1 alpha-2 country codes such as GB");
        for (int i = 0; i < codes.size(); i++) {
            if (!codes.get(i).matches("[A-Z]{2}")) {
                problems.error(f.path("countries") + "[" + i + "]", "'" + codes.get(i)
                        + "' (expected: an ISO 3166-1 alpha-2 country code in upper case, such as GB)");
            }
        }
        return codes;
    }

    private AuthConfig auth(String path, JsonNode node, String apiName) {
        Fields f = new Fields(node, path, problems);
        Optional<JwtConfig> jwt = f.has("jwt") ? Optional.ofNullable(jwt(f.path("jwt"), f.raw("jwt"))) : Optional.empty();
        Optional<BindConfig> bind = Optional.empty();
        if (f.has("bind")) {
            Fields b = new Fields(f.raw("bind"), f.path("bind"), problems);
            bind = Optional.of(new BindConfig(Optional.ofNullable(claim(b, "groupsClaim")), Optional.ofNullable(claim(b, "accountClaim")),
                    Optional.ofNullable(claim(b, "workloadClaim"))));
            b.done();
            if (bind.get().groupsClaim().isEmpty() && bind.get().accountClaim().isEmpty() && bind.get().workloadClaim().isEmpty() && b.valid()) {
                fail(f.path("bind"), "empty (expected: at least one of groupsClaim, accountClaim, workloadClaim)");
            }
            if (jwt.isEmpty() && f.valid() && !f.has("jwt")) {
                fail(f.path("bind"), "set without auth.jwt (expected: auth.jwt, since bound claims come from a verified token)");
            }
        }
        String principal = Values.matching(f.optional("principal", "a principal ARN template"), PRINCIPAL, f.path("principal"),
                "a principal ARN template such as arn:aws:iam::{account}:role/{sub}", problems);
        if (principal != null && !principal.startsWith("arn:")) {
            fail(f.path("principal"), "'" + principal + "' (expected: an ARN template starting with arn:, such as arn:aws:iam::{account}:role/{sub})");
        }
        String region = Values.matching(f.optional("region", "an AWS region"), Values.REGION, f.path("region"), "an AWS region such as eu-west-2", problems);
        String apiId = Values.matching(f.optional("apiId", "an API id"), API_ID, f.path("apiId"), "letters and digits", problems);
        String stage = Values.matching(f.optional("stage", "a stage name"), STAGE, f.path("stage"), "letters, digits, '_' and '-'", problems);
        String rawFloor = f.optional("failureFloor", "a duration");
        Optional<Duration> floor = rawFloor != null && rawFloor.matches("0(ms|s)?") ? Optional.of(Duration.ZERO) : duration(f, "failureFloor");
        if (floor.isPresent() && floor.get().compareTo(Duration.ofSeconds(1)) > 0) {
            fail(f.path("failureFloor"), "'" + floor.get() + "' (expected: at most 1s; it delays every denied request)");
        }
        f.done();
        if (!f.valid()) {
            return null;
        }
        return new AuthConfig(jwt, bind, Optional.ofNullable(principal), region == null ? "us-east-1" : region,
                apiId == null ? apiName.replaceAll("[^A-Za-z0-9]", "") : apiId, stage == null ? "prod" : stage,
                floor.orElse(AuthConfig.DEFAULT_FAILURE_FLOOR));
    }

    private JwtConfig jwt(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String issuer = f.required("issuer", "the issuer (iss) tokens must carry");
        List<String> audiences = f.strings("audiences", "audiences (aud)");
        if (f.valid() && audiences.isEmpty()) {
            fail(f.path("audiences"), "missing or empty (expected: at least one audience this API accepts)");
        }
        List<String> algorithms = f.strings("algorithms", "JWS algorithms");
        if (f.valid() && algorithms.isEmpty()) {
            fail(f.path("algorithms"), "missing or empty (expected: an allow-list from " + String.join(", ", ALGORITHMS) + ")");
        }
        boolean hmac = false;
        for (int i = 0; i < algorithms.size(); i++) {
            String a = algorithms.get(i);
            if (a.equalsIgnoreCase("none")) {
                fail(f.path("algorithms") + "[" + i + "]", "'" + a + "' is never accepted (expected: one of " + String.join(", ", ALGORITHMS) + ")");
            } else if (Values.oneOf(a, ALGORITHMS, f.path("algorithms") + "[" + i + "]", problems) == null) {
                ok = false;
            }
            hmac |= a.startsWith("HS");
        }
        String jwks = f.optional("jwks", "an https URL or a file path of the issuer's JWK set");
        if (jwks != null && jwks.startsWith("https://")) {
            uri(jwks, f.path("jwks"), Set.of("https"));
        } else if (jwks != null && jwks.contains("://")) {
            fail(f.path("jwks"), "'" + jwks + "' (expected: an https:// URL or a file path)");
        } else if (jwks != null) {
            Path p = Values.file(jwks, f.path("jwks"), problems);
            jwks = p == null ? null : p.toString();
        }
        Path secrets = file(f, "sharedSecrets", false);
        boolean asymmetric = algorithms.stream().anyMatch(a -> !a.startsWith("HS") && !a.equalsIgnoreCase("none"));
        if (hmac && secrets == null && f.valid()) {
            fail(f.path("sharedSecrets"), "missing (expected: the file of HMAC keys, since algorithms include HS*)");
        }
        if (!hmac && secrets != null) {
            fail(f.path("sharedSecrets"), "set without an HS* algorithm (expected: HS256/384/512 in algorithms, or remove it)");
        }
        if (asymmetric && jwks == null && f.valid() && !f.has("jwks")) {
            fail(f.path("jwks"), "missing (expected: an https URL or a file path of the issuer's JWK set)");
        }
        Optional<Duration> skew = duration(f, "clockSkew");
        String header = "Authorization";
        boolean bearer = true;
        boolean forward = false;
        if (f.has("tokenFrom")) {
            Fields t = new Fields(f.raw("tokenFrom"), f.path("tokenFrom"), problems);
            String h = Values.matching(t.optional("header", "a header name"), HEADER, t.path("header"), "a header name", problems);
            String scheme = Values.oneOf(t.optional("scheme", "bearer or none"), List.of("bearer", "none"), t.path("scheme"), problems);
            forward = Boolean.TRUE.equals(t.bool("forward"));
            t.done();
            header = h == null ? header : h;
            bearer = scheme == null ? header.equalsIgnoreCase("Authorization") : scheme.equals("bearer");
        }
        f.done();
        if (issuer == null || !f.valid()) {
            ok = false;
            return null;
        }
        return new JwtConfig(issuer, audiences, algorithms, Optional.ofNullable(jwks),
                Optional.ofNullable(secrets).map(Path::toString), skew, header, bearer, forward);
    }

    private PolicySource policy(String path, JsonNode node) {
        PolicySource p = PolicySources.read(path, node, problems);
        ok &= p != null;
        return p;
    }

    // --- small field readers that record failure in `ok`

    /** An upstream URL, as {@link UpstreamUris} allows one. */
    private URI upstream(Fields f) {
        URI u = uri(f, "upstream");
        return u == null ? null : setting(f.at(), () -> UpstreamUris.check(u));
    }

    /**
     * {@code build}'s setting, or null after reporting its refusal: at the field it names
     * ({@code path.maxHeaderBytes}), else at {@code path}.
     */
    private <T> T setting(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            Matcher m = FIELD_MESSAGE.matcher(e.getMessage());
            if (m.matches()) {
                fail(path.isEmpty() ? m.group(1) : path + "." + m.group(1), m.group(2));
            } else {
                fail(path, e.getMessage());
            }
            return null;
        }
    }

    private URI uri(Fields f, String key) {
        String raw = f.optional(key, "an http or https URL");
        return raw == null ? null : uri(raw, f.path(key), HTTP);
    }

    private URI uri(String raw, String path, Set<String> schemes) {
        URI u = Values.uri(raw, schemes, path, problems);
        ok &= u != null;
        return u;
    }

    private Path file(Fields f, String key, boolean required) {
        String raw = required ? f.required(key, "a file path") : f.optional(key, "a file path");
        if (raw == null) {
            ok &= !required || !f.valid();
            return null;
        }
        Path p = Values.file(raw, f.path(key), problems);
        ok &= p != null;
        return p;
    }

    private Optional<Duration> duration(Fields f, String key) {
        String raw = f.optional(key, "a duration");
        if (raw == null) {
            return Optional.empty();
        }
        Duration d = Values.duration(raw, f.path(key), problems);
        ok &= d != null;
        return Optional.ofNullable(d);
    }

    private OptionalLong optionalBytes(Fields f, String key) {
        String raw = f.optional(key, "a size in bytes");
        if (raw == null) {
            return OptionalLong.empty();
        }
        Long v = Values.bytes(raw, f.path(key), problems);
        ok &= v != null;
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private OptionalInt optionalInt(Fields f, String key, boolean bytes) {
        String raw = f.optional(key, bytes ? "a size in bytes" : "a whole number");
        if (raw == null) {
            return OptionalInt.empty();
        }
        Long v = bytes ? Values.bytes(raw, f.path(key), problems) : Values.positive(raw, MAX_INT, f.path(key), problems);
        if (v != null && v > MAX_INT) {
            problems.error(f.path(key), "'" + raw + "' (expected: at most " + MAX_INT + ")");
            v = null;
        }
        ok &= v != null;
        return v == null ? OptionalInt.empty() : OptionalInt.of(v.intValue());
    }

    private <E extends Enum<E>> E enumValue(Fields f, String key, Class<E> type, E absent) {
        String raw = f.optional(key, "a mode");
        if (raw == null) {
            return absent;
        }
        if (f.raw(key).isBoolean() && !f.raw(key).booleanValue()) {
            raw = "off"; // YAML 1.1 reads an unquoted off (and no, false) as a boolean
        }
        for (E e : type.getEnumConstants()) {
            if (lower(e).equals(raw)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(lower(e));
        }
        fail(f.path(key), "'" + raw + "' (expected: one of " + String.join(", ", names) + ")");
        return null;
    }

    private boolean bool(Fields f, String key) {
        Boolean b = f.bool(key);
        ok &= b != null;
        return b != null && b;
    }

    private String claim(Fields f, String key) {
        String v = Values.matching(f.optional(key, "a claim name"), CLAIM, f.path(key), "a claim name such as groups or sub", problems);
        ok &= v != null || !f.has(key);
        return v;
    }

    private List<String> cidrs(Fields f, String key) {
        List<String> raw = f.strings(key, "CIDRs");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            IPAddress a = Values.cidr(raw.get(i), f.path(key) + "[" + i + "]", problems);
            ok &= a != null;
            if (a != null) {
                out.add(a.toCanonicalString());
            }
        }
        return out;
    }

    /** A limit keyed by who the caller is needs an API that establishes it: else every request would fall back. */
    private void identityKeys(String at, List<RateLimitSettings> limits, boolean token, boolean certificate) {
        for (int i = 0; i < limits.size(); i++) {
            String missing = switch (limits.get(i).key()) {
                case PRINCIPAL -> token || certificate ? null : "establishes no principal (expected: auth.jwt or tls.clientCa)";
                case SUBJECT -> token ? null : "verifies no token (expected: auth.jwt)";
                case CERTIFICATE -> certificate ? null : "asks for no client certificate (expected: tls.clientCa)";
                default -> null;
            };
            if (missing != null) {
                fail(at + "[" + i + "].key", lower(limits.get(i).key()) + ", but the API " + missing);
            }
        }
    }

    private void fail(String path, String message) {
        problems.error(path, message);
        ok = false;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
