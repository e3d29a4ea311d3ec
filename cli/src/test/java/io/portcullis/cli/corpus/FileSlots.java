package io.portcullis.cli.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.cli.corpus.Mutation.Base;
import io.portcullis.cli.corpus.Mutation.Edit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every place a configuration names a file that a node reads, with the edit that puts the file in use on its
 * base (most are already in use in the trading base) and where the setting lives.
 *
 * @param label the setting, as a user would name it
 * @param file the file, relative to the configuration directory, once {@code setup} ran
 * @param section and {@code path}: the setting's location, to point it elsewhere
 */
record FileSlots(String label, Base base, Edit setup, String file, String section, Object... path) {

    static final Edit NOTHING = c -> { };

    static final FileSlots JWKS = new FileSlots("auth.jwt.jwks", Base.TRADING, NOTHING, "keys/idp-jwks.json",
            "apis", 0, "auth", "jwt", "jwks");
    static final FileSlots POLICY = new FileSlots("resourcePolicy file", Base.TRADING, c -> policyToFile(c, 0, "policies/orders.json"),
            "policies/orders.json", "apis", 0, "resourcePolicy");
    static final FileSlots CERT = new FileSlots("tls.cert", Base.TRADING, NOTHING, "keys/tls/server.pem", "apis", 1, "tls", "cert");
    static final FileSlots KEY = new FileSlots("tls.key", Base.TRADING, NOTHING, "keys/tls/server.key", "apis", 1, "tls", "key");
    static final FileSlots CLIENT_CA = new FileSlots("tls.clientCa", Base.TRADING, NOTHING, "keys/tls/ca.pem", "apis", 1, "tls", "clientCa");
    static final FileSlots CRL = new FileSlots("tls.crl", Base.TRADING, NOTHING, "keys/tls/ca.crl.pem", "apis", 1, "tls", "crl");
    static final FileSlots AUDIT_KEY = new FileSlots("audit.signingKey", Base.TRADING, NOTHING, "keys/audit.key", "audit", "signingKey");
    static final FileSlots WEBHOOK_SECRET = new FileSlots("alerts.webhook.secretFile", Base.TRADING, NOTHING, "keys/webhook-secret",
            "alerts", "webhook", "secretFile");
    static final FileSlots FEED = new FileSlots("threatFeeds[0].file", Base.TRADING, NOTHING, "feeds/drop.txt", "threatFeeds", 0, "file");
    static final FileSlots SHARED_SECRETS = new FileSlots("auth.jwt.sharedSecrets", Base.TRADING, FileSlots::hmacOnly,
            "keys/secrets.json", "apis", 0, "auth", "jwt", "sharedSecrets");

    static final FileSlots DEMO_JWKS = new FileSlots("auth.jwt.jwks", Base.DEMO, NOTHING, "demo-jwks.json", "apis", 1, "auth", "jwt", "jwks");
    static final FileSlots DEMO_POLICY = new FileSlots("resourcePolicy file", Base.DEMO, c -> policyToFile(c, 2, "ledger-policy.json"),
            "ledger-policy.json", "apis", 2, "resourcePolicy");
    static final FileSlots DEMO_CERT = new FileSlots("tls.cert", Base.DEMO, FileSlots::demoTls, "keys/tls/server.pem", "apis", 0, "tls", "cert");
    static final FileSlots DEMO_KEY = new FileSlots("tls.key", Base.DEMO, FileSlots::demoTls, "keys/tls/server.key", "apis", 0, "tls", "key");
    static final FileSlots DEMO_AUDIT_KEY = new FileSlots("audit.signingKey", Base.DEMO, FileSlots::demoAudit, "keys/audit.key",
            "audit", "signingKey");
    static final FileSlots DEMO_WEBHOOK_SECRET = new FileSlots("alerts.webhook.secretFile", Base.DEMO, FileSlots::demoWebhook,
            "keys/webhook-secret", "alerts", "webhook", "secretFile");
    static final FileSlots DEMO_FEED = new FileSlots("threatFeeds[0].file", Base.DEMO, FileSlots::demoFeed, "feeds/drop.txt",
            "threatFeeds", 0, "file");

    static final List<FileSlots> TRADING = List.of(JWKS, POLICY, CERT, KEY, CLIENT_CA, CRL, AUDIT_KEY, WEBHOOK_SECRET, FEED,
            SHARED_SECRETS);
    static final List<FileSlots> DEMO = List.of(DEMO_JWKS, DEMO_POLICY, DEMO_CERT, DEMO_KEY, DEMO_AUDIT_KEY, DEMO_WEBHOOK_SECRET,
            DEMO_FEED);

    /** Runs the setup, then {@code then}. */
    Edit and(Edit then) {
        return c -> {
            setup.apply(c);
            then.apply(c);
        };
    }

    /** Points the setting at {@code value} (after the setup). */
    Edit pointAt(String value) {
        return and(c -> c.set(section, value, path));
    }

    /** Replaces the file's content (after the setup). */
    Edit content(String text) {
        return and(c -> c.write(file, text));
    }

    /** Moves {@code apis[index]}'s inline resource policy to a JSON file and names the file instead. */
    static void policyToFile(ConfigDir c, int index, String file) throws Exception {
        Object policy = c.get("apis", index, "resourcePolicy");
        c.write(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(policy) + "\n");
        c.set("apis", file, index, "resourcePolicy");
    }

    /** The orders API's tokens become HMAC-signed, keyed by a {@code sharedSecrets} file instead of the JWKS. */
    static void hmacOnly(ConfigDir c) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        c.write("keys/secrets.json", "{\"keys\": [{\"kty\": \"oct\", \"kid\": \"orders-hmac-1\", \"alg\": \"HS256\", \"k\": \""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\"}]}\n");
        c.set("apis", List.of("HS256"), 0, "auth", "jwt", "algorithms");
        c.remove("apis", 0, "auth", "jwt", "jwks");
        c.set("apis", "keys/secrets.json", 0, "auth", "jwt", "sharedSecrets");
    }

    static void demoTls(ConfigDir c) {
        c.set("apis", map("cert", "keys/tls/server.pem", "key", "keys/tls/server.key"), 0, "tls");
    }

    static void demoAudit(ConfigDir c) {
        c.set("audit", map("dir", "audit", "signingKey", "keys/audit.key"));
    }

    static void demoWebhook(ConfigDir c) {
        c.set("alerts", map("webhook", map("url", "http://127.0.0.1:9/alerts", "secretFile", "keys/webhook-secret")));
    }

    static void demoFeed(ConfigDir c) {
        c.set("threatFeeds", new java.util.ArrayList<>(List.of(map("name", "drop", "file", "feeds/drop.txt", "format", "plain"))));
    }

    /** A mutable mapping of alternating keys and values, in order. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
