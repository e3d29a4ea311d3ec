package io.portcullis.analysis.review;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.Api;
import io.portcullis.engine.Explainer;
import io.portcullis.runtime.plan.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Access compared across two compiled plans: who-can-reach ({@link Explainer#whoCanReach}, the engine's answer,
 * scheduled rules outside their window included) for every API of each, on its listen port over TCP, as
 * (subject, API) pairs; what the first admits and the second does not is lost.
 */
public final class LostAccess {

    private static final int TCP = 6;

    /** One subject admitted to one API: {@code kind} is workload, partner or cidr (as who-can-reach says). */
    public record Access(String kind, String subject, String api) implements Comparable<Access> {
        public Access {
            requireNonNull(kind, "kind");
            requireNonNull(subject, "subject");
            requireNonNull(api, "api");
        }

        @Override
        public int compareTo(Access o) {
            int c = api.compareTo(o.api);
            c = c != 0 ? c : kind.compareTo(o.kind);
            return c != 0 ? c : subject.compareTo(o.subject);
        }

        @Override
        public String toString() {
            return kind + " " + subject + " -> " + api;
        }
    }

    private LostAccess() {}

    /** Every (subject, API) pair {@code plan} admits at {@code at}, sorted by API, kind and subject. */
    static Set<Access> of(Plan plan, Instant at) {
        Explainer explainer = new Explainer(plan.engine().snapshot());
        Set<Access> out = new TreeSet<>();
        for (Api api : plan.config().apis()) {
            for (Explainer.Reach r : explainer.whoCanReach(api.name(), TCP, null, at)) {
                out.add(new Access(r.kind(), r.subject(), api.name()));
            }
        }
        return out;
    }

    /** The pairs of {@code from} missing from {@code to}, sorted. */
    static List<Access> minus(Set<Access> from, Set<Access> to) {
        List<Access> out = new ArrayList<>();
        for (Access a : from) {
            if (!to.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }
}
