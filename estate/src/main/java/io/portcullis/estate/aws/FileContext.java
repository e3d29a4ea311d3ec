package io.portcullis.estate.aws;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file's place in the layout says about its content, read from the folders between the imported folder
 * and the file: an account ({@code account-data/<account>/} of CloudMapper, {@code accounts/<account>/} of
 * Batfish, or any folder named by 12 digits) and a region (the nearest folder named like {@code us-west-2}, or
 * ending with {@code -us-west-2}). The account folder may be a name (CloudMapper names accounts in its config);
 * it then names the account whose id the content gives.
 *
 * @param file the path relative to the imported folder, with {@code /}
 * @param accountId a 12-digit id from the folders, or null
 * @param accountLabel the account folder's name (an id or a name), or null
 * @param region the region from the folders, or null
 */
public record FileContext(String file, String accountId, String accountLabel, String region) {

    public static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    public static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");
    private static final Pattern REGION_SUFFIX = Pattern.compile("(?:^|[-_.])([a-z]{2}(?:-[a-z]+)+-\\d{1,2})$");

    public static FileContext of(Path root, Path file) {
        Path rel = root.relativize(file);
        String name = rel.toString().replace('\\', '/');
        String account = null;
        String label = null;
        String region = null;
        // The imported folder's own name counts too: a region folder may be imported by itself.
        int n = rel.getNameCount();
        String[] parts = new String[n];
        parts[0] = root.toAbsolutePath().normalize().getFileName() == null ? "" : root.toAbsolutePath().normalize().getFileName().toString();
        for (int i = 0; i < n - 1; i++) {
            parts[i + 1] = rel.getName(i).toString();
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p == null) {
                continue;
            }
            Matcher r = REGION_SUFFIX.matcher(p);
            if (REGION.matcher(p).matches()) {
                region = p;
            } else if (r.find() && region == null) {
                region = r.group(1);
            }
            boolean underAccounts = i > 0 && ("account-data".equals(parts[i - 1]) || "accounts".equals(parts[i - 1]));
            if (isAccount(p)) {
                account = p;
                label = p;
            } else if (underAccounts) {
                label = p;
            }
        }
        return new FileContext(name, account, label, region);
    }

    /** The region of an availability zone ({@code us-west-2a} → {@code us-west-2}), or null. */
    public static String regionOfZone(String zone) {
        if (zone == null || zone.isEmpty()) {
            return null;
        }
        char last = zone.charAt(zone.length() - 1);
        String r = last >= 'a' && last <= 'z' ? zone.substring(0, zone.length() - 1) : zone;
        return REGION.matcher(r).matches() ? r : null;
    }

    /**
     * True if {@code id} is an account id: twelve ASCII digits, as {@link #ACCOUNT} matches (checked once per item
     * of an estate, so without a matcher).
     */
    public static boolean isAccount(String id) {
        if (id == null || id.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The region of an ARN ({@code arn:aws:ec2:us-west-2:123456789012:subnet/...}), or null. */
    public static String regionOfArn(String arn) {
        String[] p = arn == null ? new String[0] : arn.split(":", 6);
        return p.length >= 5 && REGION.matcher(p[3]).matches() ? p[3] : null;
    }

    /** The account of an ARN, or null. */
    public static String accountOfArn(String arn) {
        String[] p = arn == null ? new String[0] : arn.split(":", 6);
        return p.length >= 5 && isAccount(p[4]) ? p[4] : null;
    }
}
