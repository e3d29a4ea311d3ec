package io.portcullis.site.internal;

import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Table cells the pages share: a text with the group keys in it linked, a rule's source, its status. */
final class Lines {

    private static final Pattern GROUP_KEY = Pattern.compile("\\d{12}/sg-[A-Za-z0-9-]+");

    private Lines() {}

    /** {@code text} with every {@code ACCOUNT/sg-id} in it linked to its group's page when {@code facts} knows it. */
    static Doc.Line linked(String text, Facts facts) {
        List<Doc.Span> spans = new ArrayList<>();
        Matcher m = GROUP_KEY.matcher(text);
        int at = 0;
        while (m.find()) {
            if (facts.group(m.group()) == null) {
                continue;
            }
            if (m.start() > at) {
                spans.add(Doc.Span.text(text.substring(at, m.start())));
            }
            spans.add(Doc.Span.link(m.group(), Ids.group(m.group())));
            at = m.end();
        }
        if (at < text.length() || spans.isEmpty()) {
            spans.add(Doc.Span.text(text.substring(at)));
        }
        return new Doc.Line(spans);
    }

    static String source(Peer from) {
        if (from instanceof Peer.Group g) {
            return g.group().key();
        }
        return from instanceof Peer.Cidr c ? c.cidr() : ((Peer.PrefixListRef) from).prefixList();
    }

    /** When the rule is in force: always, on a schedule, until its expiry. */
    static String when(IngressRule r) {
        List<String> parts = new ArrayList<>();
        r.schedule().ifPresent(s -> parts.add("in force only " + s));
        r.expires().ifPresent(e -> parts.add("expires " + e));
        if (r.exception()) {
            parts.add("exception");
        }
        return parts.isEmpty() ? "always" : String.join("; ", parts);
    }

    static String orDash(String s) {
        return s == null || s.isEmpty() ? "—" : s;
    }
}
