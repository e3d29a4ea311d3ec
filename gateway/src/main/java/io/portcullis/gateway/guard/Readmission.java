package io.portcullis.gateway.guard;

import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import java.net.InetSocketAddress;

/**
 * Decides again whether a connection admitted earlier is still admitted, under the plan in force now: a reload
 * that removed its group's rule, a schedule window that closed, a rule that expired, a block (a feed, an
 * auto-block) all revoke it. The proxy stage asks before every request on the connection, and the server asks for
 * every open connection every few seconds and after every reload (closing those revoked), so admission is never
 * only a fact of the past.
 *
 * <p>The order is the accept-time one: the blocklist (the TCP peer, then the source when a PROXY header named
 * another), then the connection guard. A guard that throws or answers nothing revokes (fail closed). Stateless;
 * runs on the connection's event loop.
 */
public final class Readmission {

    /**
     * How long a connection's admission is taken as current without asking the guard again, unless the plan
     * changed meanwhile ({@link PlanEpoch}): schedule windows and expiries are decided to within this. The
     * blocklist is checked on every request regardless ({@link #blocked}); it is a trie lookup.
     */
    public static final long GUARD_EVERY_NANOS = 1_000_000_000L;

    private Readmission() {}

    /** A denial when the TCP peer or the source is blocklisted now, else {@code null}. */
    public static Admission blocked(Blocklist blocklist, Admission admitted, InetSocketAddress peer,
                                    InetSocketAddress source) {
        String list = blocklist.blockedBy(peer.getAddress());
        if (list == null && !source.equals(peer)) {
            list = blocklist.blockedBy(source.getAddress());
        }
        return list == null ? null : new Admission(Decision.deny(GuardReasons.BLOCKLISTED, "blocklist " + list,
                source.getAddress().getHostAddress() + " was blocklisted after its connection was admitted"),
                admitted.source());
    }

    /**
     * The admission in force now for a connection to {@code api} from {@code source} (through {@code peer} and
     * {@code vpcEndpoint}); a denial when it lost admission, carrying the source it was admitted with.
     */
    public static Admission readmit(ConnectionGuard guard, Blocklist blocklist, String api, Admission admitted,
                                    InetSocketAddress peer, InetSocketAddress source, String vpcEndpoint,
                                    long nowMillis) {
        Admission blocked = blocked(blocklist, admitted, peer, source);
        if (blocked != null) {
            return blocked;
        }
        Admission now;
        try {
            now = guard.admit(api, source.getAddress(), vpcEndpoint, nowMillis);
        } catch (RuntimeException e) {
            return new Admission(Decision.deny(GuardReasons.GUARD_ERROR, "", "connection guard failed: " + e),
                    admitted.source());
        }
        if (now == null) {
            return new Admission(Decision.deny(GuardReasons.GUARD_ERROR, "", "connection guard returned no admission"),
                    admitted.source());
        }
        return now;
    }
}
