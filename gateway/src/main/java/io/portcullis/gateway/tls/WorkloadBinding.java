package io.portcullis.gateway.tls;

/**
 * Whether a client certificate names a workload, for {@code bindCertificateToWorkload}: a SAN URI whose last
 * path segment is the workload id (e.g. {@code spiffe://corp.example/ns/prod/sa/orders} names {@code orders}),
 * or a SAN DNS name that is the workload id or starts with it as the first label
 * ({@code orders.prod.svc} names {@code orders}).
 */
public final class WorkloadBinding {

    private WorkloadBinding() {}

    public static boolean names(ClientIdentity identity, String workload) {
        if (workload.isEmpty()) {
            return false;
        }
        for (String uri : identity.uris()) {
            int slash = uri.lastIndexOf('/');
            if (slash >= 0 && uri.substring(slash + 1).equals(workload) && uri.indexOf("://") < slash) {
                return true;
            }
        }
        for (String dns : identity.dnsNames()) {
            if (dns.equalsIgnoreCase(workload) || dns.regionMatches(true, 0, workload + ".", 0, workload.length() + 1)) {
                return true;
            }
        }
        return false;
    }
}
