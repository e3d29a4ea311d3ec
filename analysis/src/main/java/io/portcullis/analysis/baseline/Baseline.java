package io.portcullis.analysis.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.InputTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file of accepted findings (YAML or JSON):
 *
 * <pre>
 * accepted:
 *   - fingerprint: 5d0c2b1e9f3a4c7d8e6f0a1b2c3d4e5f
 *     rule: PC-NET-003                                  # for people; the fingerprint matches
 *     resource: securityGroups(111111111111/sg-bastion).ingress(tcp/22 from 0.0.0.0/0)
 *     justification: bastion host, MFA enforced, ticket SEC-142
 *     owner: platform-security@example.com
 *     expires: 2027-03-31                               # inclusive, UTC
 * </pre>
 *
 * Every entry needs a fingerprint, a justification, an owner and an expiry; one that lacks any is an error (the
 * file is refused, exit 2), so that nothing is accepted without a reason and an end.
 */
public final class Baseline {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{32}");

    private final List<Acceptance> entries;

    private Baseline(List<Acceptance> entries) {
        this.entries = List.copyOf(entries);
    }

    public static final Baseline EMPTY = new Baseline(List.of());

    public List<Acceptance> entries() {
        return entries;
    }

    /** The baseline at {@code path}, or every problem of it. */
    public static Baseline read(Path path) {
        InputTree.Read read = InputTree.read(path);
        InputTree t = read.tree();
        List<Acceptance> out = new ArrayList<>();
        if (t.object(read.root(), "", Set.of("accepted"))) {
            List<JsonNode> items = t.list(read.root().get("accepted"), "/accepted", "accepted findings");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String at = "/accepted/" + i;
                JsonNode n = items.get(i);
                if (!t.object(n, at, Set.of("fingerprint", "rule", "resource", "justification", "owner", "expires"))) {
                    continue;
                }
                String fp = t.text(n.get("fingerprint"), at + "/fingerprint", "the finding's fingerprint (32 hex digits, from analyze --format json)");
                if (fp != null && !FINGERPRINT.matcher(fp).matches()) {
                    t.problem(at + "/fingerprint", "'" + fp + "' (expected: 32 lower-case hex digits, from analyze --format json)");
                    fp = null;
                } else if (fp != null && !seen.add(fp)) {
                    t.problem(at + "/fingerprint", "'" + fp + "' is accepted twice (expected: one entry per finding)");
                }
                String justification = t.text(n.get("justification"), at + "/justification", "why the finding is accepted");
                String owner = t.text(n.get("owner"), at + "/owner", "who owns the acceptance (a person or team)");
                String expires = t.text(n.get("expires"), at + "/expires", "the last day the acceptance holds, YYYY-MM-DD");
                LocalDate until = null;
                if (expires != null) {
                    try {
                        until = LocalDate.parse(expires);
                    } catch (DateTimeParseException e) {
                        t.problem(at + "/expires", "'" + expires + "' (expected: a date YYYY-MM-DD)");
                    }
                }
                if (fp != null && justification != null && owner != null && until != null) {
                    out.add(new Acceptance(fp, text(n.get("rule")), text(n.get("resource")), justification, owner, until));
                }
            }
        }
        t.done();
        return new Baseline(out);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }

    /** Each finding with its status on {@code today}, in the findings' order. */
    public List<Triaged> apply(List<Finding> findings, LocalDate today) {
        Map<String, Acceptance> by = new HashMap<>();
        entries.forEach(a -> by.put(a.fingerprint(), a));
        List<Triaged> out = new ArrayList<>();
        for (Finding f : findings) {
            Acceptance a = by.get(f.fingerprint());
            Triaged.Status s = a == null ? Triaged.Status.OPEN
                    : a.inForce(today) ? Triaged.Status.ACCEPTED : Triaged.Status.ACCEPTANCE_EXPIRED;
            out.add(new Triaged(f, s, Optional.ofNullable(a)));
        }
        return out;
    }

    /** The entries that match no finding (fixed, or changed beyond recognition): candidates for removal. */
    public List<Acceptance> unmatched(List<Finding> findings) {
        Set<String> present = new HashSet<>();
        findings.forEach(f -> present.add(f.fingerprint()));
        return entries.stream().filter(a -> !present.contains(a.fingerprint())).toList();
    }

    /**
     * Writes a baseline accepting {@code findings}, to start from: every entry's justification and owner are left
     * empty and its expiry is {@code expires}, so the file is refused until a person fills each one in (an empty
     * justification is an error): nothing is accepted by default.
     */
    public static void write(Path path, List<Finding> findings, LocalDate expires) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# Accepted findings. Fill in every justification and owner (empty ones are refused), check each\n")
                .append("# expiry, and delete the entries you do not accept. Written by portcullis analyze --write-baseline.\n")
                .append("accepted:\n");
        for (Finding f : findings) {
            b.append("  - fingerprint: ").append(f.fingerprint()).append('\n')
                    .append("    rule: ").append(f.rule()).append('\n')
                    .append("    resource: ").append(quote(f.resource().key() + (f.subject().isEmpty() ? "" : " [" + f.subject() + "]"))).append('\n')
                    .append("    # ").append(f.message().replace('\n', ' ')).append('\n')
                    .append("    justification: \"\"\n")
                    .append("    owner: \"\"\n")
                    .append("    expires: ").append(expires).append('\n');
        }
        if (findings.isEmpty()) {
            b.setLength(b.length() - 1);
            b.append(" []\n");
        }
        Files.writeString(path, b.toString());
    }

    /** A double-quoted YAML scalar. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
