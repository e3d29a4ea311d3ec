package io.portcullis.identity.binding;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.identity.jwt.VerifiedToken;
import io.portcullis.identity.mtls.CertificateIdentity;
import java.util.List;

/**
 * Checks a verified token's claims against the caller's network position, so a token stolen from one workload
 * fails from another. Fail closed: a configured claim that is absent, or of the wrong type, is a mismatch.
 *
 * <p>Design: runs on every request after the token cache; claims are read from the token's immutable map and
 * compared in place (a group check is a nested scan of two short lists), and an allow returns one pre-built
 * {@link Decision}, so an allow allocates nothing. Only a denial builds its detail string.
 */
public final class ClaimsBinding {

    public static final Reason BOUND = new Reason(Layer.IDENTITY, "claims-network-bound");
    public static final Reason MISMATCH = new Reason(Layer.IDENTITY, "claims-network-mismatch");

    private final BindSettings settings;
    private final Decision allow;

    public ClaimsBinding(BindSettings settings) {
        this.settings = requireNonNull(settings, "settings");
        this.allow = Decision.allow(BOUND, "auth.bind", "");
    }

    /**
     * @param certificate the verified client certificate's identity, or null without mTLS
     */
    public Decision check(VerifiedToken token, NetworkPosition source, CertificateIdentity certificate) {
        if (!settings.groupsClaim().isEmpty() && !sharesGroup(token.claim(settings.groupsClaim()), source.groups())) {
            return deny("auth.bind.groupsClaim", "claim " + settings.groupsClaim() + "=" + token.claim(settings.groupsClaim())
                    + " shares no group with source groups " + source.groups());
        }
        if (!settings.accountClaim().isEmpty() && !equalNonEmpty(token.claim(settings.accountClaim()), source.account())) {
            return deny("auth.bind.accountClaim", "claim " + settings.accountClaim() + "="
                    + token.claim(settings.accountClaim()) + " vs source account '" + source.account() + "'");
        }
        if (!settings.workloadClaim().isEmpty()) {
            Object claim = token.claim(settings.workloadClaim());
            boolean ok = equalNonEmpty(claim, source.workload())
                    || (certificate != null && equalNonEmpty(claim, certificate.value()));
            if (!ok) {
                return deny("auth.bind.workloadClaim", "claim " + settings.workloadClaim() + "=" + claim
                        + " vs source workload '" + source.workload() + "'"
                        + (certificate == null ? "" : " and certificate " + certificate.value()));
            }
        }
        return allow;
    }

    private static Decision deny(String decidedBy, String detail) {
        return Decision.deny(MISMATCH, decidedBy, detail.length() > 512 ? detail.substring(0, 512) + "..." : detail);
    }

    private static boolean equalNonEmpty(Object claim, String expected) {
        return !expected.isEmpty() && expected.equals(claim);
    }

    private static boolean sharesGroup(Object claim, List<String> groups) {
        if (claim instanceof String s) {
            return matchesAny(s, groups);
        }
        if (claim instanceof List<?> values) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof String s && matchesAny(s, groups)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code ACCOUNT/sg-id} matches itself; a bare {@code sg-id} matches the group part of any source group. */
    private static boolean matchesAny(String value, List<String> groups) {
        if (value.isEmpty()) {
            return false;
        }
        boolean bare = value.indexOf('/') < 0;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (g.equals(value)) {
                return true;
            }
            int slash = g.indexOf('/');
            if (bare && slash >= 0 && g.length() - slash - 1 == value.length()
                    && g.regionMatches(slash + 1, value, 0, value.length())) {
                return true;
            }
        }
        return false;
    }
}
