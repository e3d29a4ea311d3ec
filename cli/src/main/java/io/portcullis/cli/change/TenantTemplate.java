package io.portcullis.cli.change;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant template: a configuration fragment (YAML, any sections) in which {@code ${tenant}} stands for the tenant's
 * id and {@code ${NAME}} for a value given with {@code --set NAME=VALUE}; {@code $$} is a literal {@code $}. Values
 * are plain scalars (letters, digits and {@code ._:/@+-}), so a substitution cannot add YAML structure. Every
 * placeholder must have a value and every value must be used; each problem names the template's line and column.
 * Whole-line comments are copied as written (they may describe the placeholders).
 */
final class TenantTemplate {

    static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._:/@+-]{1,256}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$|\\$\\{([A-Za-z][A-Za-z0-9_]*)}|\\$");

    /** The text with every placeholder replaced, or the problems ({@code FILE:LINE:COL: ...}). */
    record Result(String text, List<String> problems) {}

    private TenantTemplate() {}

    static Result apply(String file, String template, Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        String[] lines = template.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("#")) { // a whole-line comment is copied as written
                out.append(line).append(i < lines.length - 1 ? "\n" : "");
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(line);
            int last = 0;
            while (m.find()) {
                out.append(line, last, m.start());
                last = m.end();
                String at = file + ":" + (i + 1) + ":" + (m.start() + 1) + ": ";
                if (m.group().equals("$$")) {
                    out.append('$');
                } else if (m.group(1) == null) {
                    problems.add(at + "a lone '$' (expected: ${NAME}, or $$ for a literal $)");
                } else if (values.containsKey(m.group(1))) {
                    used.add(m.group(1));
                    out.append(values.get(m.group(1)));
                } else {
                    problems.add(at + "${" + m.group(1) + "} has no value (expected: --set " + m.group(1) + "=VALUE, or ${tenant})");
                }
            }
            out.append(line.substring(last));
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        values.keySet().stream().filter(k -> !used.contains(k) && !k.equals("tenant"))
                .forEach(k -> problems.add("--set " + k + ": not used by " + file + " (expected: a ${" + k + "} in the template)"));
        if (!used.contains("tenant")) {
            problems.add(file + ": no ${tenant} (expected: the tenant's id in the names it generates, so tenants cannot collide)");
        }
        return new Result(out.toString(), problems);
    }
}
