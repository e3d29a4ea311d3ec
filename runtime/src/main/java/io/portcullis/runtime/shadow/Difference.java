package io.portcullis.runtime.shadow;

import io.portcullis.decision.Decision;
import java.util.Locale;

/**
 * One kind of disagreement between the live and the candidate plan, the key differences are counted by: what
 * was decided ({@code connection} or {@code request}), the API, and the deciding layer and reason of the side that
 * denied (the candidate's when both denied for different reasons).
 *
 * @param live {@code allow} or {@code deny}
 * @param shadow {@code allow} or {@code deny}
 */
public record Difference(String kind, String api, String layer, String live, String shadow, String reason) {

    static final String CONNECTION = "connection";
    static final String REQUEST = "request";

    /**
     * The difference between two decisions, or {@code null} when they agree: the same verdict, and for two
     * denials the same reason (which rule allowed is not compared: two plans may admit by different rules).
     */
    static Difference of(String kind, String api, Decision live, Decision shadow) {
        if (live.allowed() == shadow.allowed() && (live.allowed() || live.reason().equals(shadow.reason()))) {
            return null;
        }
        Decision deciding = shadow.allowed() ? live : shadow;
        return new Difference(kind, api, deciding.layer().name().toLowerCase(Locale.ROOT), verdict(live),
                verdict(shadow), deciding.reason().code());
    }

    private static String verdict(Decision d) {
        return d.allowed() ? "allow" : "deny";
    }
}
