package io.portcullis.cli.access;

import io.portcullis.config.Protocol;
import io.portcullis.engine.Explanation;
import java.util.ArrayList;
import java.util.List;

/** The text form of a network-layer explanation, shared by {@code check} and the demo's tour. */
public final class ExplanationText {

    private ExplanationText() {}

    /** A headline, then the path that admitted, or the reason and each near miss, one per line (indented). */
    public static List<String> lines(Explanation e) {
        List<String> out = new ArrayList<>();
        Protocol protocol = new Protocol(e.protocol());
        out.add(e.decision().verdict() + "  " + e.source() + " → " + e.api() + " " + protocol + (protocol.hasPorts() ? "/" + e.port() : ""));
        out.addAll(details(e));
        return out;
    }

    /** The lines after the headline. */
    public static List<String> details(Explanation e) {
        List<String> out = new ArrayList<>();
        if (e.decision().allowed()) {
            out.add("  " + String.join(" → ", e.path()));
            return out;
        }
        out.add("  reason: " + e.decision().reason().code() + " (" + e.decision().detail() + ")");
        if (e.nearMisses().isEmpty()) {
            out.add("  no rule matched this source at all");
        }
        for (Explanation.NearMiss m : e.nearMisses()) {
            out.add("  near miss: " + m.rule() + ": " + m.kind().code() + ": " + m.detail());
        }
        return out;
    }
}
