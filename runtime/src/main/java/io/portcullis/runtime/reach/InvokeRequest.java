package io.portcullis.runtime.reach;

import io.portcullis.policy.ContextKey;
import io.portcullis.policy.ContextValue;
import io.portcullis.policy.Principal;
import io.portcullis.policy.RequestContext;

/**
 * One representative {@code execute-api:Invoke} request as the policies see it: who signed it, the resource, and
 * the keys AWS sets for a request through a VPC endpoint ({@code aws:SourceVpce}, {@code aws:SourceVpc},
 * {@code aws:VpcSourceIp}) or from the internet ({@code aws:SourceIp}). A key AWS does not set is absent, so a
 * condition on it behaves as AWS's does on a missing key.
 */
record InvokeRequest(Principal principal, String resource, ContextValue account, ContextValue arn, ContextValue vpce,
                     ContextValue vpc, ContextValue sourceIp, ContextValue vpcSourceIp) implements RequestContext {

    static final String ACTION = "execute-api:Invoke";

    static InvokeRequest of(PrincipalClass p, String resource, String vpce, String vpc, String sourceIp, String vpcSourceIp) {
        Principal principal = p.signed() ? Principal.aws(p.arn()) : Principal.anonymous();
        return new InvokeRequest(principal, resource, p.signed() ? ContextValue.of(p.account()) : null,
                p.signed() ? ContextValue.of(p.arn()) : null, value(vpce), value(vpc), value(sourceIp), value(vpcSourceIp));
    }

    private static ContextValue value(String s) {
        return s == null || s.isEmpty() ? null : ContextValue.of(s);
    }

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public ContextValue value(ContextKey key) {
        return switch (key.id()) {
            case ContextKey.PRINCIPAL_ACCOUNT -> account;
            case ContextKey.PRINCIPAL_ARN -> arn;
            case ContextKey.SOURCE_VPCE -> vpce;
            case ContextKey.SOURCE_VPC -> vpc;
            case ContextKey.SOURCE_IP -> sourceIp;
            case ContextKey.VPC_SOURCE_IP -> vpcSourceIp;
            default -> null;
        };
    }
}
