package io.portcullis.runtime.assurance;

import static java.util.Objects.requireNonNull;

import io.portcullis.gateway.probe.ProbeMarks;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that marks probes: {@link #token} signs, {@link #verify} (the gateway's {@link ProbeMarks}) checks.
 * A token is {@code v1.EXPIRES.NONCE.MAC}: HMAC-SHA256 over the API, the source address the probe plays, the
 * expiry (epoch seconds) and a random nonce. Bound to API and source and valid for {@link #LIFETIME} at most, a
 * token seen on the wire marks only the same probe again, from the same address, for a minute; without the key
 * nobody can mark traffic as a probe (to dodge auto-block) or reach the reserved path. The key file holds at
 * least 32 bytes of secret; it is never logged.
 */
public final class ProbeKey implements ProbeMarks {

    /** How long a token is good for (the node's clock and the prober's may differ by less). */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final int MIN_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Clock clock;

    private ProbeKey(byte[] secret, Clock clock) {
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("probe key: " + secret.length + " bytes (expected: at least "
                    + MIN_KEY_BYTES + " bytes of secret)");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The key in {@code file}; the message names the file and what was wrong, never the content. */
    public static ProbeKey read(Path file, Clock clock) {
        byte[] secret;
        try {
            secret = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("probe key " + file + ": cannot read (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        try {
            return new ProbeKey(trimmed(secret), clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** A key from bytes (tests, and a freshly generated key). */
    public static ProbeKey of(byte[] secret, Clock clock) {
        return new ProbeKey(secret.clone(), clock);
    }

    /** A token marking a probe of {@code api} that plays {@code source}. */
    public String token(String api, InetAddress source) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String n = HexFormat.of().formatHex(nonce);
        return "v1." + expires + "." + n + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(api, source, expires, n));
    }

    @Override
    public boolean verify(String api, InetAddress source, String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("v1") || parts[2].length() != 24 || parts[1].length() > 12) {
            return false;
        }
        long expires;
        byte[] mac;
        try {
            expires = Long.parseLong(parts[1]);
            mac = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        if (expires < now || expires > now + LIFETIME.toSeconds() + 5) {
            return false;
        }
        return MessageDigest.isEqual(mac, mac(api, source, expires, parts[2]));
    }

    private byte[] mac(String api, InetAddress source, long expires, String nonce) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(("portcullis-probe v1\n" + api + "\n" + source.getHostAddress() + "\n" + expires + "\n"
                    + nonce).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** The secret without a trailing newline an editor may have added. */
    private static byte[] trimmed(byte[] secret) {
        int n = secret.length;
        while (n > 0 && (secret[n - 1] == '\n' || secret[n - 1] == '\r')) {
            n--;
        }
        return Arrays.copyOf(secret, n);
    }
}
