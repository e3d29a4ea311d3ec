package io.portcullis.estate.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids that two AWS outputs leave out and their file names must give:
 * <ul>
 *   <li>{@code aws apigateway get-stages --rest-api-id ID}: {@code apigateway-get-stages-ID.json},
 *       {@code apigateway-get-stages/ID} (CloudMapper's naming for a request with a parameter), or
 *       {@code ID/get-stages.json};</li>
 *   <li>{@code aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-ID}: any file or folder name that
 *       contains the list id, e.g. {@code ec2-get-managed-prefix-list-entries-pl-0abc.json} or
 *       {@code ec2-get-managed-prefix-list-entries/pl-0abc}.</li>
 * </ul>
 */
public final class FileNames {

    private static final Pattern API_ID = Pattern.compile("[a-z0-9]{10}");
    private static final Pattern STAGES_SUFFIX = Pattern.compile(".*get-stages[-_]([a-z0-9]{10})");
    private static final Pattern PREFIX_LIST = Pattern.compile("pl-[0-9a-zA-Z]+");

    private FileNames() {}

    /** CloudMapper's folders of per-parameter outputs. */
    static boolean isParameterFolder(String name) {
        return name.startsWith("apigateway-get-stages") || name.startsWith("ec2-get-managed-prefix-list-entries");
    }

    /** The REST API id a get-stages output belongs to, from its path, or null. */
    public static String apiIdOfStages(String file) {
        String[] parts = file.split("/");
        String stem = stem(parts[parts.length - 1]);
        Matcher m = STAGES_SUFFIX.matcher(stem);
        if (m.matches()) {
            return m.group(1);
        }
        String parent = parts.length > 1 ? parts[parts.length - 2] : "";
        if (API_ID.matcher(stem).matches() && parent.contains("get-stages")) {
            return stem;
        }
        if (API_ID.matcher(parent).matches()) {
            return parent;
        }
        return null;
    }

    /** The prefix list id in a get-managed-prefix-list-entries output's path (the file name first), or null. */
    public static String prefixListOfEntries(String file) {
        String[] parts = file.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            Matcher m = PREFIX_LIST.matcher(stem(parts[i]));
            String found = null;
            while (m.find()) {
                found = m.group();
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String stem(String name) {
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
