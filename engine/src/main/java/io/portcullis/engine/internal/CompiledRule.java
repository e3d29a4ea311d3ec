package io.portcullis.engine.internal;

import io.portcullis.config.IngressRule;
import io.portcullis.decision.Decision;

/**
 * One ingress rule as the hot path sees it: protocol, port range, validity in time, and the pre-built
 * {@link Decision} returned when it admits a source, so admitting allocates nothing.
 *
 * @param owner the group whose rule this is ({@code ACCOUNT/sg-id})
 * @param attachedVia the API-attached group that carries the rule (differs from owner when inherited by extends)
 * @param index the rule's index in its owner's {@code ingress}
 */
public record CompiledRule(int protocol, int portFrom, int portTo, long expiresAtMillis, CompiledSchedule schedule,
                           Decision allow, String owner, String attachedVia, int index, IngressRule source) {

    public boolean matchesTraffic(int proto, int port) {
        return (protocol == -1 || protocol == proto) && (protocol != 6 && protocol != 17 || (port >= portFrom && port <= portTo));
    }

    public boolean inForceAt(long nowMillis) {
        return nowMillis < expiresAtMillis && (schedule == null || schedule.activeAt(nowMillis));
    }
}
