package io.portcullis.cli.corpus;

import static io.portcullis.cli.corpus.Edits.all;
import static io.portcullis.cli.corpus.Edits.list;
import static io.portcullis.cli.corpus.Edits.remove;
import static io.portcullis.cli.corpus.Edits.set;
import static io.portcullis.cli.corpus.FileSlots.map;

import io.portcullis.cli.corpus.Mutation.Base;

/**
 * What serving an API needs and its cross-field rules ({@code srv}): upstreams, names the gateway accepts,
 * route patterns, and combinations of TLS, PROXY protocol and token settings that cannot work together.
 */
final class ServingMutations {

    private static final Base T = Base.TRADING;
    private static final Base D = Base.DEMO;

    private ServingMutations() {}

    static void add(Catalog c) {
        c.broken("srv", T, "analytics has no upstream (examples/trading as shipped)", remove("apis", 1, "upstream"));
        c.broken("srv", D, "orders has no upstream", remove("apis", 0, "upstream"));
        c.broken("srv", T, "orders' upstream is https://", set("apis", "https://10.10.5.20:8443", 0, "upstream"));
        c.broken("srv", T, "orders' upstream has a query string", set("apis", "http://10.10.5.20:8080/base?tenant=1", 0, "upstream"));
        c.broken("srv", T, "orders' upstream has user info", set("apis", "http://user:pw@10.10.5.20:8080", 0, "upstream"));
        c.broken("srv", D, "a route's upstream is https://", set("apis", "https://127.0.0.1:9", 0, "routes", 0, "upstream"));
        c.broken("srv", T, "an API named 'orders:v1' (':' is allowed by the model, not by the gateway)",
                all(set("apis", "orders:v1", 0, "name"), set("apis", "orders", 0, "auth", "apiId")));
        c.broken("srv", D, "an API name of 70 characters", set("apis", "ledger-" + "x".repeat(63), 2, "name"));
        c.broken("srv", T, "an API-level rate limit keyed by route", set("apis", "route", 0, "limits", "rateLimits", 0, "key"));
        c.broken("srv", D, "a route requires roles on an API without auth.jwt",
                set("apis", map("roles", list("admin")), 0, "routes", 0, "requires"));
        c.broken("srv", T, "routes require roles after auth.jwt was removed",
                all(remove("apis", 0, "auth", "jwt"), remove("apis", 0, "auth", "bind")));
        c.broken("srv", T, "auth.principal has an unbalanced placeholder", set("apis", "arn:aws:iam::{account:role/{sub}", 0, "auth", "principal"));
        c.broken("srv", D, "auth.principal has an empty placeholder", set("apis", "arn:aws:iam::{account}:role/{}", 1, "auth", "principal"));
        c.broken("srv", T, "auth.principal is not an ARN", set("apis", "{sub}", 0, "auth", "principal"));
        c.broken("srv", T, "proxyProtocol required without trustedProxies", set("apis", "required", 0, "proxyProtocol"));
        c.broken("srv", T, "trustedProxies holds a bad CIDR",
                all(set("apis", "optional", 0, "proxyProtocol"), set("apis", list("10.0.0.0/33"), 0, "trustedProxies")));
        c.broken("srv", T, "auth.jwt.algorithms HS256 without sharedSecrets", set("apis", list("HS256"), 0, "auth", "jwt", "algorithms"));
        c.broken("srv", T, "auth.jwt.algorithms includes none", set("apis", list("ES256", "none"), 0, "auth", "jwt", "algorithms"));
        c.broken("srv", T, "auth.jwt.jwks is an http:// URL", set("apis", "http://idp.trading.example/jwks.json", 0, "auth", "jwt", "jwks"));
        c.broken("srv", D, "auth.bind without auth.jwt", set("apis", map("bind", map("groupsClaim", "groups")), 0, "auth"));
        c.broken("srv", T, "auth.region 'moon-1'", set("apis", "moon-1", 0, "auth", "region"));
        c.broken("srv", T, "tls.clientAuth required without clientCa",
                all(remove("apis", 1, "tls", "clientCa"), remove("apis", 1, "tls", "crl"), set("apis", "required", 1, "tls", "clientAuth")));
        c.broken("srv", T, "tls.bindCertificateToWorkload with clientAuth optional",
                all(set("apis", "optional", 1, "tls", "clientAuth"), set("apis", true, 1, "tls", "bindCertificateToWorkload")));
        c.broken("srv", T, "tls.crl without clientCa", remove("apis", 1, "tls", "clientCa"));
        c.broken("srv", T, "tls without key", remove("apis", 1, "tls", "key"));
        c.broken("srv", T, "a route path without the leading '/'", set("apis", "orders/**", 0, "routes", 0, "path"));
        c.broken("srv", T, "a route path with '**' in the middle", set("apis", "/orders/**/items", 0, "routes", 0, "path"));
        c.broken("srv", D, "a route method in lower case", set("apis", list("get"), 0, "routes", 1, "methods"));
        manyAtOnce(c);
    }

    /** Several problems in one configuration ({@code many}), in stages that today stop at the first failing one. */
    private static void manyAtOnce(Catalog c) {
        c.broken("many", T, "JWKS, TLS certificate and audit key missing, admin on orders' port",
                all(FileSlots.JWKS.pointAt("nosuch/jwks.json"), FileSlots.CERT.pointAt("nosuch/server.pem"),
                        FileSlots.AUDIT_KEY.pointAt("nosuch/audit.key"), Edits.admin("127.0.0.1", "orders")));
        c.broken("many", T, "a word for maxConnections and a missing JWKS",
                all(set("apis", "many", 0, "limits", "maxConnections"), FileSlots.JWKS.pointAt("nosuch/jwks.json")));
        c.broken("many", T, "the audit key and the webhook secret missing",
                all(FileSlots.AUDIT_KEY.pointAt("nosuch/audit.key"), FileSlots.WEBHOOK_SECRET.pointAt("nosuch/secret")));
        c.broken("many", T, "garbage in the TLS certificate and the CRL",
                all(FileSlots.CERT.content(KeyMutations.GARBAGE_CERT), FileSlots.CRL.content(KeyMutations.GARBAGE_CRL)));
        c.broken("many", D, "orders and ledger without upstream", all(remove("apis", 0, "upstream"), remove("apis", 2, "upstream")));
        c.broken("many", D, "a dangling group reference and a missing JWKS",
                all(set("workloads", list("sg-nosuch"), 0, "groups"), k -> java.nio.file.Files.delete(k.file("demo-jwks.json"))));
    }
}
