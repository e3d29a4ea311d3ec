package io.portcullis.runtime.auth;

import io.portcullis.config.Api;
import io.portcullis.config.Partner;
import io.portcullis.config.api.AuthConfig;
import io.portcullis.config.api.JwtConfig;
import io.portcullis.config.api.PolicySource;
import io.portcullis.config.api.RouteConfig;
import io.portcullis.config.api.Serving;
import io.portcullis.config.Schedule;
import io.portcullis.identity.binding.BindSettings;
import io.portcullis.identity.binding.CertificateBinding;
import io.portcullis.identity.binding.ClaimsBinding;
import io.portcullis.identity.jwt.JwtSettings;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.identity.jwt.TokenSource;
import io.portcullis.identity.requirement.RouteRequirement;
import io.portcullis.policy.ApiBinding;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.PolicyError;
import io.portcullis.policy.PolicyParser;
import io.portcullis.policy.PolicySet;
import io.portcullis.runtime.geo.GeoLocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds each API's {@link ApiAuthorizer} from its configuration, reporting every problem at its configuration
 * path. JWT verifiers are expensive to build (key files read, a remote JWKS fetched, a token cache warmed), so
 * a verifier whose settings did not change is carried over from the previous configuration, cache and all;
 * {@link #retire} closes the ones the new configuration no longer uses.
 */
public final class Authorizers implements AutoCloseable {

    private Map<JwtConfig, JwtVerifier> verifiers = new HashMap<>();
    private GeoLocator geo = GeoLocator.NONE;

    /** The geo databases the authorizers built from now on look source addresses up in. */
    public synchronized void geo(GeoLocator locator) {
        this.geo = java.util.Objects.requireNonNull(locator, "locator");
    }

    /** The authorizer for {@code api} ({@code apis[index]}), or null with the reasons added to {@code problems}. */
    public ApiAuthorizer build(Api api, int index, Map<JwtConfig, JwtVerifier> inUse, List<String> problems) {
        return build(api, index, ConfigIds.NONE, inUse, CertificateBinding.NONE, problems, new ArrayList<>());
    }

    /** Which client certificate identities are which partner's ({@code partners[].certificates}). */
    public static CertificateBinding certificates(List<Partner> partners) {
        Map<String, String> owners = new HashMap<>();
        partners.forEach(p -> p.certificates().forEach(c -> owners.put(c, p.id())));
        return new CertificateBinding(owners);
    }

    /**
     * The authorizer for {@code api} ({@code apis[index]}), or null with the reasons added to {@code problems};
     * {@code warnings} gets what is allowed but probably not meant (a resource policy that does not restrict
     * where callers come from, conditions on keys no request carries or on ids the configuration, {@code ids},
     * does not declare: {@link PolicyWarnings}). Each finding starts with its configuration path.
     * {@code certificates} are the partners' certificates, from {@link #certificates}.
     */
    public synchronized ApiAuthorizer build(Api api, int index, ConfigIds ids, Map<JwtConfig, JwtVerifier> inUse,
                                            CertificateBinding certificates, List<String> problems,
                                            List<String> warnings) {
        String at = "apis[" + index + "].";
        Serving s = api.serving();
        AuthConfig auth = s.auth();
        int before = problems.size();
        JwtVerifier jwt = null;
        if (auth.jwt().isPresent()) {
            JwtConfig c = auth.jwt().get();
            jwt = inUse.get(c);
            if (jwt == null) {
                jwt = verifiers.get(c);
            }
            if (jwt == null) {
                try {
                    jwt = JwtVerifier.builder(settings(c)).build();
                } catch (IllegalArgumentException e) {
                    problems.add(at + "auth.jwt." + e.getMessage());
                }
            }
            if (jwt != null) {
                inUse.put(c, jwt);
            }
        }
        ClaimsBinding binding = auth.bind().map(b -> new ClaimsBinding(new BindSettings(b.groupsClaim().orElse(""),
                b.accountClaim().orElse(""), b.workloadClaim().orElse("")))).orElse(null);
        PrincipalTemplate template = null;
        if (auth.principal().isPresent()) {
            try {
                template = PrincipalTemplate.compile(auth.principal().get());
            } catch (IllegalArgumentException e) {
                problems.add(at + "auth.principal: " + e.getMessage());
            }
        }
        PolicySet policy = s.resourcePolicy().map(p -> policy(p, api, auth, at + "resourcePolicy", problems,
                new PolicyWarnings(at + "resourcePolicy", p.origin(), auth.jwt().isPresent(), ids), warnings)).orElse(null);
        if (s.resourcePolicy().isEmpty()) {
            warnings.add(at + "resourcePolicy: missing: " + SourceRestriction.unrestricted(api.name()));
        }
        Map<String, RouteRequirement> requirements = new LinkedHashMap<>();
        Map<String, Schedule> windows = new LinkedHashMap<>();
        for (int r = 0; r < s.routes().size(); r++) {
            RouteConfig route = s.routes().get(r);
            if (!route.requires().scopes().isEmpty() || !route.requires().roles().isEmpty()) {
                if (auth.jwt().isEmpty()) {
                    problems.add(at + "routes[" + r + "].requires: scopes or roles without auth.jwt (expected: auth.jwt, "
                            + "since scopes and roles are read from a verified token)");
                    continue;
                }
                requirements.put(route.path(), new RouteRequirement(route.path(), route.requires().scopes(),
                        route.requires().rolesClaim(), route.requires().roles()));
            }
            route.requires().window().ifPresent(w -> windows.put(route.path(), w));
        }
        Map<String, GeoRequirement> where = GeoChecks.requirements(s.routes(), geo, at, problems, warnings);
        GeoChecks.policy(s.resourcePolicy(), geo, at + "resourcePolicy", warnings);
        if (problems.size() > before) {
            return null;
        }
        String prefix = "arn:aws:execute-api:" + auth.region() + ":" + api.account() + ":" + apiId(api, auth) + "/" + auth.stage() + "/";
        return new ApiAuthorizer(api.name(), api.account(), prefix, jwt, binding, certificates, template, policy,
                requirements, windows, auth.failureFloor(), auth.jwt().map(JwtConfig::forwardToken).orElse(false))
                .geo(geo, where);
    }

    /** Makes {@code inUse} the verifiers in force and closes every other one (after a successful swap). */
    public synchronized void retire(Map<JwtConfig, JwtVerifier> inUse) {
        for (Map.Entry<JwtConfig, JwtVerifier> e : verifiers.entrySet()) {
            if (inUse.get(e.getKey()) != e.getValue()) {
                e.getValue().close();
            }
        }
        verifiers = new HashMap<>(inUse);
    }

    /** Closes verifiers built for a configuration that was then rejected (those not already in force). */
    public synchronized void discard(Map<JwtConfig, JwtVerifier> built) {
        for (Map.Entry<JwtConfig, JwtVerifier> e : built.entrySet()) {
            if (verifiers.get(e.getKey()) != e.getValue()) {
                e.getValue().close();
            }
        }
    }

    /**
     * The verifier settings of an {@code auth.jwt} section (an API's, or the console's {@code console.auth.jwt}):
     * one mapping, so the console verifies tokens exactly as the gateway does.
     */
    public static JwtSettings settings(JwtConfig c) {
        JwtSettings.Builder b = JwtSettings.builder().issuer(c.issuer()).audiences(c.audiences().toArray(String[]::new))
                .algorithms(c.algorithms().toArray(String[]::new))
                .tokenSource(c.bearer() && c.tokenHeader().equalsIgnoreCase("Authorization") ? TokenSource.bearer()
                        : c.bearer() ? new TokenSource(c.tokenHeader(), true) : TokenSource.namedHeader(c.tokenHeader()));
        c.jwks().ifPresent(b::jwks);
        c.sharedSecrets().map(Path::of).ifPresent(b::sharedSecrets);
        c.clockSkew().ifPresent(b::clockSkew);
        return b.build();
    }

    private static PolicySet policy(PolicySource source, Api api, AuthConfig auth, String at, List<String> problems,
                                    PolicyWarnings lint, List<String> warnings) {
        PolicyDocument document = document(source, at, problems);
        if (document == null) {
            return null;
        }
        warnings.addAll(lint.of(document, api.name()));
        try {
            return PolicySet.compile(List.of(document), new ApiBinding("aws", auth.region(), api.account(), apiId(api, auth)));
        } catch (IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * The policy document written at {@code at} (a resource policy, an endpoint policy), parsed; or null after
     * adding each of its errors to {@code problems}, placed at its statement when written inline, else at the
     * file's JSON pointer.
     */
    public static PolicyDocument document(PolicySource source, String at, List<String> problems) {
        ParseResult parsed = PolicyParser.parse(source.json());
        if (parsed instanceof ParseResult.Invalid invalid) {
            for (PolicyError e : invalid.errors()) {
                problems.add(source.origin().isEmpty() ? at + configPath(e.pointer()) + ": " + e.message()
                        : at + ": " + source.origin() + ":" + e);
            }
            return null;
        }
        return parsed.orThrow();
    }

    /**
     * The configuration path under {@code resourcePolicy} of an inline document's JSON pointer
     * ({@code /Statement/0/Condition} is {@code .Statement[0].Condition}), as far as its keys are plain names (a
     * condition key such as {@code aws:SourceVpc} ends it: the problem is then placed at its parent).
     */
    static String configPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.matches("\\d{1,9}")) {
                path.append('[').append(segment).append(']');
            } else if (segment.matches("[A-Za-z][A-Za-z0-9]*")) {
                path.append('.').append(segment);
            } else {
                break;
            }
        }
        return path.toString();
    }

    /** {@code auth.apiId}, or the API's name reduced to letters and digits (as an API Gateway id is). */
    public static String apiId(Api api, AuthConfig auth) {
        if (!auth.apiId().isEmpty()) {
            return auth.apiId();
        }
        String id = api.name().replaceAll("[^A-Za-z0-9]", "");
        return id.isEmpty() ? "api" : id.length() > 32 ? id.substring(0, 32) : id;
    }

    @Override
    public synchronized void close() {
        verifiers.values().forEach(JwtVerifier::close);
        verifiers.clear();
    }
}
