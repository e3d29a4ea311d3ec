package io.portcullis.analysis.findings;

import io.portcullis.config.IngressRule;
import io.portcullis.config.SecurityGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** PC-EXP-001 (expired rules) and PC-EXP-002 (rules expiring within {@code --expiring-within}). */
final class Expiries implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        Instant soon = e.now.plus(e.settings.expiringWithin());
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            for (int r = 0; r < sg.ingress().size(); r++) {
                IngressRule rule = sg.ingress().get(r);
                if (rule.expires().isEmpty()) {
                    continue;
                }
                Instant at = rule.expires().get();
                String where = e.places.where("securityGroups[" + g + "].ingress[" + r + "].expires");
                if (!at.isAfter(e.now)) {
                    out.add(new Finding(Rules.EXPIRED_RULE.id(), Severity.LOW, e.places.rule(g, r), "",
                            sg.key() + " ingress[" + r + "] expired at " + at + " (" + days(Duration.between(at, e.now)) + " ago)",
                            List.of(e.ruleEvidence(g, r), "expires: " + at + ", at " + where, "analysed at " + e.now),
                            Rules.EXPIRED_RULE.remediation()));
                } else if (!at.isAfter(soon)) {
                    out.add(new Finding(Rules.EXPIRING_RULE.id(), Severity.INFO, e.places.rule(g, r), "",
                            sg.key() + " ingress[" + r + "] expires at " + at + " (in " + days(Duration.between(e.now, at)) + ")",
                            List.of(e.ruleEvidence(g, r), "expires: " + at + ", at " + where,
                                    "analysed at " + e.now + ", reporting expiries within " + days(e.settings.expiringWithin())),
                            Rules.EXPIRING_RULE.remediation()));
                }
            }
        }
    }

    static String days(Duration d) {
        long days = d.toDays();
        return days >= 1 ? days + (days == 1 ? " day" : " days") : d.toHours() + " h";
    }
}
