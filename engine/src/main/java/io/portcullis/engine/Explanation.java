package io.portcullis.engine;

import io.portcullis.decision.Decision;
import java.util.List;

/**
 * Why a source may or may not reach an API: the decision (identical to the hot path's), a readable path from the
 * source through its groups to the rule that admitted it, and on denial the nearest misses.
 *
 * @param source how the source was resolved, e.g. {@code workload i-1 (10.10.1.5 in vpc-trading)}
 * @param path the admitting chain, e.g. {@code [workload i-1, member of A/sg-traders, included in A/sg-clients,
 *     A/sg-api ingress[0] tcp/8443]}; empty on denial
 * @param nearMisses rules that matched the source but failed on something else
 */
public record Explanation(Decision decision, String api, int protocol, int port, String source, List<String> path,
                          List<NearMiss> nearMisses) {

    public Explanation {
        path = List.copyOf(path);
        nearMisses = List.copyOf(nearMisses);
    }

    /** A rule that would have admitted the source but for one thing. */
    public record NearMiss(String rule, Kind kind, String detail) {}

    public enum Kind {
        PROTOCOL_OR_PORT, EXPIRED, OUT_OF_SCHEDULE, STALE_REFERENCE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
