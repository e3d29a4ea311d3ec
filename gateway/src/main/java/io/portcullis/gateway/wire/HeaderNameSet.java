package io.portcullis.gateway.wire;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A small fixed set of header names matched case-insensitively against raw head bytes or decoded names, for the
 * hop-by-hop and forwarding headers a proxy drops.
 *
 * <p>Design: the names are kept as lower-case byte arrays and compared by length first, so a header that is
 * in none of the sets (nearly all) costs a few length comparisons and no allocation.
 */
public final class HeaderNameSet {

    /** No name at all. */
    public static final HeaderNameSet EMPTY = new HeaderNameSet(new byte[0][]);

    private final byte[][] names;

    private HeaderNameSet(byte[][] names) {
        this.names = names;
    }

    /** A set of these names (matched ignoring ASCII case). */
    public static HeaderNameSet of(CharSequence... names) {
        byte[][] lower = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            lower[i] = names[i].toString().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
        return new HeaderNameSet(lower);
    }

    /** This set and {@code more}. */
    public HeaderNameSet with(CharSequence... more) {
        byte[][] all = java.util.Arrays.copyOf(names, names.length + more.length);
        for (int i = 0; i < more.length; i++) {
            all[names.length + i] = more[i].toString().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
        return new HeaderNameSet(all);
    }

    /** Whether the set has no name. */
    public boolean isEmpty() {
        return names.length == 0;
    }

    /** Whether the name at {@code bytes[start, start + length)} is in the set. */
    public boolean contains(byte[] bytes, int start, int length) {
        for (byte[] name : names) {
            if (name.length == length && equalsLowerCase(bytes, start, name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a decoded name is in the set. */
    public boolean contains(CharSequence name) {
        int length = name.length();
        for (byte[] candidate : names) {
            if (candidate.length == length && equalsLowerCase(name, candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code bytes[start, end)} is exactly {@code lower} (already lower case), ignoring ASCII case. */
    public static boolean matches(byte[] bytes, int start, int end, byte[] lower) {
        return end - start == lower.length && equalsLowerCase(bytes, start, lower);
    }

    /** Whether {@code bytes} from {@code start} equal {@code lower} (already lower case) ignoring ASCII case. */
    public static boolean equalsLowerCase(byte[] bytes, int start, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            if (toLower(bytes[start + i]) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsLowerCase(CharSequence name, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            char c = name.charAt(i);
            if (c > 0x7f || toLower((byte) c) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    static byte toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
