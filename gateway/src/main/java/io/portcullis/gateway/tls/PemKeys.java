package io.portcullis.gateway.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the unencrypted PKCS#8 private keys ({@code BEGIN PRIVATE KEY}) the JDK can use directly: RSA, EC, Ed25519. */
public final class PemKeys {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemKeys() {}

    /** The unencrypted PKCS#8 key in {@code pem}, or null when it holds none the JDK reads. */
    public static PrivateKey pkcs8(String pem) {
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            return null;
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String type : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this type
            }
        }
        return null;
    }
}
