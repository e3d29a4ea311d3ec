package io.portcullis.runtime.auth;

import io.portcullis.config.Schedule;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.auth.RequestAuthorizer;
import io.portcullis.gateway.auth.RequestFacts;
import io.portcullis.gateway.tls.ClientIdentity;
import io.portcullis.identity.binding.CertificateBinding;
import io.portcullis.identity.binding.ClaimsBinding;
import io.portcullis.identity.binding.NetworkPosition;
import io.portcullis.identity.jwt.AuthFailure;
import io.portcullis.identity.jwt.JwtResult;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.identity.jwt.VerifiedToken;
import io.portcullis.identity.mtls.CertificateIdentity;
import io.portcullis.identity.requirement.RouteRequirement;
import io.portcullis.policy.AuthorizerCombination;
import io.portcullis.policy.AuthorizerCombination.AuthorizerResult;
import io.portcullis.policy.Outcome;
import io.portcullis.policy.PolicyResult;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.Principal;
import io.portcullis.runtime.geo.GeoLocator;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * The identity and policy layers of one API, in order:
 * <ol>
 *   <li>certificate binding: a verified client certificate that belongs to a partner counts only from that
 *       partner's ranges, and from a partner that declares certificates only its own count
 *       ({@code partners[].certificates}), else 403 {@code certificate-network-mismatch};</li>
 *   <li>identity: the JWT (when {@code auth.jwt} is set) is verified; with no token, a verified client
 *       certificate stands in (its binding is the one above: {@code auth.bind} binds a token's claims); anything
 *       else is a 401;</li>
 *   <li>binding: the token's claims must agree with the network source ({@code auth.bind}), else 403
 *       {@code claims-network-mismatch}; then the principal ARN is formed from the template ({@code auth.principal});</li>
 *   <li>route requirements: scopes, roles and the time window of the matched route, else 403;</li>
 *   <li>resource policy: evaluated with the request's context, then combined with the authorizer's result by
 *       API Gateway's tables (same account: either may allow; cross-account: both must; any Deny wins).</li>
 * </ol>
 * Without {@code auth.jwt} the resource policy decides alone (only an explicit Allow admits). An API with
 * neither allows on the network layer's word.
 *
 * <p>Built once per API and configuration; immutable; called on event loops (no blocking: the verifier reads
 * cached keys, the policy is compiled).
 */
public final class ApiAuthorizer implements RequestAuthorizer {

    private static final Decision TOKEN_ACCEPTED = Decision.allow(AuthReasons.TOKEN_ACCEPTED, "auth.jwt", "a verified token");

    private final String api;
    private final String apiAccount;
    private final String resourcePrefix;
    private final JwtVerifier jwt;
    private final ClaimsBinding binding;
    private final CertificateBinding certificates;
    private final PrincipalTemplate principalTemplate;
    /** The principal each token names under {@link #principalTemplate}, once per token: null without a template. */
    private final IdentityMemo<VerifiedToken, TokenPrincipal> tokenPrincipals;

    /** What a token names: the ARN ({@code null} when the template names a claim the token lacks), parsed. */
    record TokenPrincipal(String arn, Principal principal) {
        static TokenPrincipal of(String arn) {
            return new TokenPrincipal(arn, arn == null || arn.isEmpty() ? Principal.anonymous() : Principal.aws(arn));
        }
    }
    private final PolicySet policy;
    private final Map<String, RouteRequirement> requirements;
    private final Map<String, Schedule> windows;
    private final java.time.Duration failureFloor;
    private final boolean forwardToken;
    private GeoLocator geo = GeoLocator.NONE;
    private Map<String, GeoRequirement> geoRequirements = Map.of();

    ApiAuthorizer(String api, String apiAccount, String resourcePrefix, JwtVerifier jwt, ClaimsBinding binding,
                  CertificateBinding certificates, PrincipalTemplate principalTemplate, PolicySet policy, Map<String, RouteRequirement> requirements,
                  Map<String, Schedule> windows, java.time.Duration failureFloor, boolean forwardToken) {
        this.api = api;
        this.apiAccount = apiAccount;
        this.resourcePrefix = resourcePrefix;
        this.jwt = jwt;
        this.binding = binding;
        this.certificates = certificates;
        this.principalTemplate = principalTemplate;
        this.tokenPrincipals = principalTemplate == null ? null
                : new IdentityMemo<>(512, t -> TokenPrincipal.of(principalTemplate.render(t::claim)));
        this.policy = policy;
        this.requirements = Map.copyOf(requirements);
        this.windows = Map.copyOf(windows);
        this.failureFloor = failureFloor;
        this.forwardToken = forwardToken;
    }

    /** Where callers may come from, per route, and the databases that say where they come from (set once, when built). */
    ApiAuthorizer geo(GeoLocator locator, Map<String, GeoRequirement> requirements) {
        this.geo = locator;
        this.geoRequirements = Map.copyOf(requirements);
        return this;
    }

    /** The header the token is read from, when this API verifies tokens. */
    @Override
    public java.util.List<String> credentialHeaders() {
        return jwt == null ? java.util.List.of() : java.util.List.of(jwt.settings().tokenSource().header());
    }

    /** Whether the upstream gets the token too ({@code auth.jwt.tokenFrom.forward}). */
    @Override
    public boolean forwardsCredentials() {
        return forwardToken;
    }

    @Override
    public java.time.Duration failureFloor() {
        return failureFloor;
    }

    /** Whether this API checks anything beyond the network layer. */
    public boolean enforces() {
        return jwt != null || policy != null || !requirements.isEmpty() || !windows.isEmpty() || !geoRequirements.isEmpty();
    }

    JwtVerifier verifier() {
        return jwt;
    }

    /**
     * Whether this authorizer can only ever answer {@link Authorization#NOT_REQUIRED}: no token, template, policy
     * or route requirement, and no client certificate whose identity it would report. The node then gives the
     * gateway {@link io.portcullis.gateway.auth.RequestAuthorizer#NONE}, which skips the call.
     */
    public boolean decidesNothing(boolean clientCertificates) {
        return jwt == null && principalTemplate == null && policy == null && requirements.isEmpty() && windows.isEmpty()
                && geoRequirements.isEmpty() && !clientCertificates;
    }

    @Override
    public Authorization authorize(RequestFacts facts) {
        // Without geo databases the shared, never-written GeoKeys.NONE: nothing allocated per request.
        GeoKeys located = geo == GeoLocator.NONE ? GeoKeys.NONE : new GeoKeys(geo, facts.source().address());
        Authorization a = authorize(facts, located);
        return located.used() ? a.withLocation(located.describe()) : a;
    }

    private Authorization authorize(RequestFacts facts, GeoKeys located) {
        Source source = facts.source();
        CertificateIdentity certificate = certificate(facts.clientIdentity());
        if (certificate != null) {
            Decision bound = certificates.check(certificate, source.workload());
            if (!bound.allowed()) {
                return Authorization.forbidden(bound, "", "", "");
            }
        }
        VerifiedToken token = null;
        Decision identity;
        if (jwt != null) {
            JwtResult result = jwt.authenticate(facts::header, facts.time()); // the request's time: explain --at moves it
            if (result instanceof JwtResult.Verified v) {
                token = v.token();
                identity = TOKEN_ACCEPTED;
            } else {
                JwtResult.Rejected rejected = (JwtResult.Rejected) result;
                if (rejected.failure() != AuthFailure.TOKEN_MISSING || certificate == null) {
                    return Authorization.unauthenticated(rejected.decision());
                }
                identity = Decision.allow(AuthReasons.CERTIFICATE_ACCEPTED, "tls.clientCa", certificate.value());
            }
        } else {
            identity = certificate != null ? Decision.allow(AuthReasons.CERTIFICATE_ACCEPTED, "tls.clientCa", certificate.value())
                    : null;
        }
        String subject = token != null ? token.subject() : "";
        String issuer = token != null ? token.issuer() : "";
        if (token != null && binding != null) {
            Decision bound = binding.check(token, new NetworkPosition(source.account(), source.workload(), source.groups()),
                    certificate);
            if (!bound.allowed()) {
                return Authorization.forbidden(bound, subject, subject, issuer);
            }
        }
        TokenPrincipal named = token != null && principalTemplate != null ? tokenPrincipals.get(token) : null;
        String principalArn = named != null ? named.arn() : principalArn(token, certificate, source);
        if (principalArn == null) {
            return Authorization.forbidden(Decision.deny(AuthReasons.PRINCIPAL_UNRESOLVED, "auth.principal",
                    "template " + principalTemplate + " names a claim the " + (token != null ? "token" : "certificate")
                            + " does not carry as a plain value"), "", subject, issuer);
        }
        String principal = !principalArn.isEmpty() ? principalArn : token != null ? subject
                : certificate != null ? certificate.value() : "";
        String route = facts.route();
        if (route != null) {
            RouteRequirement requirement = requirements.get(route);
            if (requirement != null) {
                Decision met = token != null ? requirement.check(token) : Decision.deny(RouteRequirement.SCOPE_MISSING,
                        "routes " + route + ".requires", "no token to read scopes or roles from");
                if (!met.allowed()) {
                    return Authorization.forbidden(met, principal, subject, issuer);
                }
            }
            Schedule window = windows.get(route);
            if (window != null && !inWindow(window, facts)) {
                return Authorization.forbidden(Decision.deny(AuthReasons.OUTSIDE_WINDOW, "routes " + route + ".requires.window",
                        "window " + window + " is closed at " + facts.time()), principal, subject, issuer);
            }
            GeoRequirement where = geoRequirements.get(route);
            Decision refused = where == null ? null : where.check(located.facts());
            if (refused != null) {
                return Authorization.forbidden(refused, principal, subject, issuer);
            }
        }
        if (policy == null) {
            if (identity == null) {
                return located.used() ? Authorization.allow(located.explain(GeoRequirement.MET), principal, subject, issuer)
                        : Authorization.NOT_REQUIRED;
            }
            return Authorization.allow(located.explain(identity), principal, subject, issuer);
        }
        Principal p = named != null ? named.principal()
                : principalArn.isEmpty() ? Principal.anonymous() : Principal.aws(principalArn);
        String resource = resourcePrefix + facts.method() + RequestContextView.pathOnly(facts.path());
        Decision decided = located.explain(policy.decide(new RequestContextView(facts, p, principalArn, resource, token, located)));
        AuthorizerResult authorizer = jwt == null ? AuthorizerResult.NEITHER
                : token != null ? AuthorizerResult.ALLOW : AuthorizerResult.NEITHER;
        boolean sameAccount = jwt == null || apiAccount.equals(p.account());
        Outcome combined = AuthorizerCombination.combine(outcome(decided), authorizer, sameAccount);
        if (combined == Outcome.ALLOW) {
            Decision allow = decided.allowed() ? decided : Decision.allow(AuthReasons.AUTHORIZER_ALLOW,
                    "auth.jwt + resourcePolicy (same-account table)", "the resource policy neither allowed nor denied; "
                            + "the verified token allows a caller of the API's own account");
            return Authorization.allow(allow, principal, subject, issuer);
        }
        boolean onlyOneAllowed = decided.allowed() || authorizer == AuthorizerResult.ALLOW;
        Decision deny = outcome(decided) == Outcome.EXPLICIT_DENY || !onlyOneAllowed ? decided : Decision.deny(AuthReasons.CROSS_ACCOUNT_NEEDS_BOTH,
                "resourcePolicy (cross-account table)", "principal account '" + p.account() + "' is not the API's "
                        + apiAccount + ": the authorizer and the resource policy must both allow");
        return Authorization.forbidden(deny, principal, subject, issuer);
    }

    /** The principal ARN: "" without a template, null when the template cannot be filled. */
    private String principalArn(VerifiedToken token, CertificateIdentity certificate, Source source) {
        if (principalTemplate == null) {
            return "";
        }
        if (token != null) {
            return principalTemplate.render(token::claim);
        }
        if (certificate != null) {
            return principalTemplate.render(name -> certificatePlaceholder(name, certificate, source));
        }
        return "";
    }

    /**
     * A placeholder filled from a client certificate: {@code sub} (the identity as it is, so a URI's {@code :}
     * leaves the principal unresolved), {@code spiffe.trustDomain} and {@code spiffe.path} (a SPIFFE id's parts,
     * the path without its leading {@code /}, for role paths such as {@code role/{spiffe.path}}), {@code dns} (a
     * DNS name), and from the network layer {@code account} and {@code workload}. Anything else is unresolved.
     */
    private static String certificatePlaceholder(String name, CertificateIdentity certificate, Source source) {
        boolean spiffe = certificate.kind() == CertificateIdentity.Kind.SPIFFE;
        String value = certificate.value();
        int pathStart = spiffe ? value.indexOf('/', "spiffe://".length()) : -1;
        return switch (name) {
            case "sub" -> value;
            case "account" -> source.account();
            case "workload" -> source.isKnownWorkload() ? source.workload() : null;
            case "spiffe.trustDomain" -> !spiffe ? null
                    : value.substring("spiffe://".length(), pathStart < 0 ? value.length() : pathStart);
            case "spiffe.path" -> pathStart < 0 ? null : value.substring(pathStart + 1);
            case "dns" -> certificate.kind() == CertificateIdentity.Kind.DNS ? value : null;
            default -> null;
        };
    }

    private static Outcome outcome(Decision d) {
        if (d.allowed()) {
            return Outcome.ALLOW;
        }
        return d.reason().equals(PolicyResult.EXPLICIT_DENY) ? Outcome.EXPLICIT_DENY : Outcome.IMPLICIT_DENY;
    }

    private static boolean inWindow(Schedule s, RequestFacts facts) {
        ZonedDateTime t = facts.time().atZone(s.zone());
        java.time.LocalTime now = t.toLocalTime();
        if (s.from().isBefore(s.to())) {
            return s.days().contains(t.getDayOfWeek()) && !now.isBefore(s.from()) && now.isBefore(s.to());
        }
        // past midnight: belongs to the day it starts on
        return s.days().contains(t.getDayOfWeek()) && !now.isBefore(s.from())
                || s.days().contains(t.getDayOfWeek().minus(1)) && now.isBefore(s.to());
    }

    /** The certificate's primary identity (its first SAN URI, else its first DNS name), or null. */
    private static CertificateIdentity certificate(ClientIdentity id) {
        if (id == null || id.primary().isEmpty()) {
            return null;
        }
        String primary = id.primary();
        CertificateIdentity.Kind kind = id.uris().isEmpty() ? CertificateIdentity.Kind.DNS
                : primary.startsWith("spiffe://") ? CertificateIdentity.Kind.SPIFFE : CertificateIdentity.Kind.URI;
        return new CertificateIdentity(kind, primary);
    }

    @Override
    public String toString() {
        return "ApiAuthorizer[" + api + "]";
    }
}
