package io.portcullis.cli.corpus;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.portcullis.cli.corpus.Mutation.Edit;

/**
 * Files that exist and can be read but hold the wrong thing ({@code key}): JWK sets that are not JSON, empty, or
 * hold private or symmetric keys; PEM that is garbage, of the wrong kind, or of another key; an audit key that
 * is not the output of {@code audit keygen}; an empty webhook secret; a feed of garbage.
 */
final class KeyMutations {

    static final String GARBAGE_CERT = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGUgYXQgYWxs\n-----END CERTIFICATE-----\n";
    static final String GARBAGE_KEY = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----\n";
    static final String GARBAGE_CRL = "-----BEGIN X509 CRL-----\nbm90IGEgQ1JM\n-----END X509 CRL-----\n";

    private KeyMutations() {}

    static void add(Catalog c) {
        jwks(c, FileSlots.JWKS);
        c.broken("key", FileSlots.DEMO_JWKS.base(), "auth.jwt.jwks holds bad JSON", FileSlots.DEMO_JWKS.content("{\"keys\": [\n"));
        c.broken("key", FileSlots.DEMO_JWKS.base(), "auth.jwt.jwks holds a private key", FileSlots.DEMO_JWKS.content(privateJwks()));
        c.broken("key", FileSlots.DEMO_JWKS.base(), "auth.jwt.jwks holds no keys", FileSlots.DEMO_JWKS.content("{\"keys\": []}\n"));
        tls(c);
        FileSlots a = FileSlots.AUDIT_KEY;
        c.broken("key", a.base(), "audit.signingKey holds text, not a key", a.content("not a key\n"));
        c.broken("key", a.base(), "audit.signingKey holds only the public half (audit keygen's .pub)",
                a.and(k -> k.write(a.file(), k.text("keys/audit.pub"))));
        c.broken("key", a.base(), "audit.signingKey holds an EC TLS key, not an Ed25519 pair", a.and(k -> k.write(a.file(), k.text("keys/tls/server.key"))));
        c.broken("key", a.base(), "audit.signingKey is an empty file", a.content(""));
        c.broken("key", FileSlots.DEMO_AUDIT_KEY.base(), "audit.signingKey holds garbage PEM", FileSlots.DEMO_AUDIT_KEY.content(GARBAGE_KEY));
        c.broken("key", FileSlots.WEBHOOK_SECRET.base(), "alerts.webhook.secretFile is empty", FileSlots.WEBHOOK_SECRET.content(""));
        c.broken("key", FileSlots.WEBHOOK_SECRET.base(), "alerts.webhook.secretFile holds only white space",
                FileSlots.WEBHOOK_SECRET.content("  \n\t\n"));
        c.broken("key", FileSlots.DEMO_WEBHOOK_SECRET.base(), "alerts.webhook.secretFile is empty", FileSlots.DEMO_WEBHOOK_SECRET.content(""));
        c.brokenUnlessLive("key", FileSlots.FEED, "threatFeeds[0].file (plain) holds no CIDR, only garbage",
                FileSlots.FEED.content("this is not\na list of networks\n"));
        FileSlots s = FileSlots.SHARED_SECRETS;
        c.broken("key", s.base(), "auth.jwt.sharedSecrets holds an EC public key, not an oct secret", s.content(publicJwks()));
        c.broken("key", s.base(), "auth.jwt.sharedSecrets holds bad JSON", s.content("{keys: nope}"));
        c.broken("key", s.base(), "auth.jwt.sharedSecrets holds a 64-bit secret for HS256",
                s.content("{\"keys\": [{\"kty\": \"oct\", \"kid\": \"short\", \"alg\": \"HS256\", \"k\": \"c2hvcnRrZXk\"}]}\n"));
    }

    private static void jwks(Catalog c, FileSlots j) {
        c.broken("key", j.base(), "auth.jwt.jwks holds text, not JSON", j.content("this is not a JWK set\n"));
        c.broken("key", j.base(), "auth.jwt.jwks is an empty file", j.content(""));
        c.broken("key", j.base(), "auth.jwt.jwks is truncated JSON", j.and(k -> k.write(j.file(), k.text(j.file()).substring(0, 60))));
        c.broken("key", j.base(), "auth.jwt.jwks is a JSON object without keys", j.content("{}\n"));
        c.broken("key", j.base(), "auth.jwt.jwks is a JSON list", j.content("[]\n"));
        c.broken("key", j.base(), "auth.jwt.jwks has an empty key list", j.content("{\"keys\": []}\n"));
        c.broken("key", j.base(), "auth.jwt.jwks holds a private key (d present)", j.content(privateJwks()));
        c.broken("key", j.base(), "auth.jwt.jwks holds a symmetric (oct) key",
                j.content("{\"keys\": [{\"kty\": \"oct\", \"kid\": \"s\", \"k\": \"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMw\"}]}\n"));
        c.broken("key", j.base(), "auth.jwt.jwks has the same kid twice", j.and(k -> {
            String key = publicJwk("dup");
            k.write(j.file(), "{\"keys\": [" + key + ", " + key + "]}\n");
        }));
        c.broken("key", j.base(), "auth.jwt.jwks's only key is for encryption (use: enc)",
                j.and(k -> k.write(j.file(), changed(k.text(j.file()), "\"use\"\\s*:\\s*\"sig\"", "\"use\": \"enc\""))));
        c.broken("key", j.base(), "auth.jwt.jwks holds a PEM certificate", j.and(k -> k.write(j.file(), k.text("keys/tls/server.pem"))));
        c.broken("key", j.base(), "auth.jwt.jwks's key has a bad EC point (x of another key)",
                j.and(k -> k.write(j.file(), changed(k.text(j.file()), "\"x\"\\s*:\\s*\"[^\"]+\"",
                        "\"x\": \"" + ecKey("other").getX() + "\""))));
    }

    private static void tls(Catalog c) {
        FileSlots cert = FileSlots.CERT;
        FileSlots key = FileSlots.KEY;
        c.broken("key", cert.base(), "tls.cert holds garbage PEM", cert.content(GARBAGE_CERT));
        c.broken("key", cert.base(), "tls.cert is an empty file", cert.content(""));
        c.broken("key", cert.base(), "tls.cert holds the private key", cert.and(copy(key.file(), cert.file())));
        c.broken("key", cert.base(), "tls.cert holds text, not PEM", cert.content("certificate goes here\n"));
        c.broken("key", key.base(), "tls.key holds garbage PEM", key.content(GARBAGE_KEY));
        c.broken("key", key.base(), "tls.key holds the certificate", key.and(copy(cert.file(), key.file())));
        c.broken("key", key.base(), "tls.key is the key of another certificate", key.and(copy("keys/tls/other.key", key.file())));
        c.broken("key", key.base(), "tls.key is encrypted (PKCS#8 with a password)", key.and(copy("keys/tls/server-encrypted.key", key.file())));
        c.broken("key", key.base(), "tls.key is an empty file", key.content(""));
        FileSlots ca = FileSlots.CLIENT_CA;
        c.broken("key", ca.base(), "tls.clientCa holds garbage PEM", ca.content(GARBAGE_CERT));
        c.broken("key", ca.base(), "tls.clientCa is an empty file (no certificate)", ca.content(""));
        c.broken("key", ca.base(), "tls.clientCa holds a private key, no certificate", ca.and(copy(key.file(), ca.file())));
        FileSlots crl = FileSlots.CRL;
        c.broken("key", crl.base(), "tls.crl holds garbage PEM", crl.content(GARBAGE_CRL));
        c.broken("key", crl.base(), "tls.crl holds a certificate, not a CRL", crl.and(copy(cert.file(), crl.file())));
        c.broken("key", crl.base(), "tls.crl holds text, not PEM", crl.content("no revocations\n"));
        c.broken("key", FileSlots.DEMO_CERT.base(), "tls.cert holds garbage PEM", FileSlots.DEMO_CERT.content(GARBAGE_CERT));
        c.broken("key", FileSlots.DEMO_KEY.base(), "tls.key is the key of another certificate",
                FileSlots.DEMO_KEY.and(copy("keys/tls/other.key", FileSlots.DEMO_KEY.file())));
    }

    private static Edit copy(String from, String to) {
        return k -> k.write(to, k.text(from));
    }

    private static String privateJwks() {
        return new JWKSet(ecKey("private")).toString(false) + "\n";
    }

    private static String publicJwks() {
        return new JWKSet(ecKey("public").toPublicJWK()).toString() + "\n";
    }

    /** {@code text} with the first match of {@code regex} replaced; a mutation that matches nothing is a bug. */
    private static String changed(String text, String regex, String replacement) {
        String out = text.replaceFirst(regex, java.util.regex.Matcher.quoteReplacement(replacement));
        if (out.equals(text)) {
            throw new IllegalStateException("the mutation did not apply: no match for " + regex);
        }
        return out;
    }

    private static String publicJwk(String kid) {
        return ecKey(kid).toPublicJWK().toJSONString();
    }

    private static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
