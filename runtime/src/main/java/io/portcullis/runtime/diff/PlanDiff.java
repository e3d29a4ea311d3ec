package io.portcullis.runtime.diff;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.engine.Snapshot;
import io.portcullis.runtime.plan.Plan;
import java.time.Instant;
import java.util.List;

/**
 * The semantic difference between two plans: every API whose access, policy verdicts, identity requirements or
 * limits differ ({@link ApiDiff}), evaluated from {@code at} on at the instants where a rule of either plan starts or
 * stops being in force ({@code instants}: expiries, and schedule boundaries within a week). Two plans that admit
 * the same callers the same way have an empty diff, however their configurations are written or ordered.
 */
public record PlanDiff(Instant at, List<Instant> instants, List<ApiDiff> apis, List<String> notes) {

    /** The version of {@link #toJson()}'s form. */
    public static final int VERSION = 1;

    public PlanDiff {
        requireNonNull(at, "at");
        instants = List.copyOf(instants);
        apis = List.copyOf(apis);
        notes = List.copyOf(notes);
    }

    /** One side of a diff: a configuration, its compiled engine and its plan digest. */
    public record Side(PortcullisConfig config, Snapshot snapshot, PlanDigest digest) {
        public Side {
            requireNonNull(config, "config");
            requireNonNull(snapshot, "snapshot");
            requireNonNull(digest, "digest");
        }

        public static Side of(Plan plan) {
            return new Side(plan.config(), plan.engine().snapshot(), plan.digest());
        }
    }

    /** The difference from {@code before} (null: nothing served yet) to {@code after}, from {@code at} on. */
    public static PlanDiff of(Plan before, Plan after, Instant at) {
        return of(before == null ? null : Side.of(before), Side.of(requireNonNull(after, "after")), at);
    }

    /** The difference from {@code before} (null: nothing) to {@code after}, from {@code at} on. */
    public static PlanDiff of(Side before, Side after, Instant at) {
        return Differ.diff(before, requireNonNull(after, "after"), requireNonNull(at, "at"));
    }

    public boolean isEmpty() {
        return apis.isEmpty();
    }

    /** The JSON form ({@code portcullis diff --format json}, a change record's {@code diff}). */
    public JsonNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("portcullisDiff", VERSION);
        o.put("at", at.toString());
        ArrayNode times = o.putArray("instants");
        instants.forEach(t -> times.add(t.toString()));
        ArrayNode list = o.putArray("apis");
        for (ApiDiff a : apis) {
            ObjectNode n = list.addObject().put("kind", a.kind()).put("id", a.id()).put("presence", a.presence());
            access(n.putArray("gained"), a.gained());
            access(n.putArray("lost"), a.lost());
            ArrayNode p = n.putArray("policy");
            a.policy().forEach(c -> p.addObject().put("class", c.requestClass()).put("principal", c.principal())
                    .put("allowed", c.allowed()).put("before", c.before()).put("after", c.after()));
            settings(n.putArray("identity"), a.identity());
            settings(n.putArray("limits"), a.limits());
        }
        ArrayNode n = o.putArray("notes");
        notes.forEach(n::add);
        return o;
    }

    private static void access(ArrayNode out, List<AccessChange> changes) {
        for (AccessChange c : changes) {
            ObjectNode o = out.addObject().put("via", c.via()).put("sourceKind", c.sourceKind());
            ArrayNode s = o.putArray("sources");
            c.sources().forEach(s::add);
            o.put("account", c.account());
            ArrayNode g = o.putArray("groups");
            c.groups().forEach(g::add);
            o.put("port", c.port()).put("principal", c.principal()).put("resource", c.resource()).put("window", c.window())
                    .put("before", c.before()).put("after", c.after());
        }
    }

    private static void settings(ArrayNode out, List<SettingChange> changes) {
        changes.forEach(c -> out.addObject().put("path", c.path()).put("before", c.before()).put("after", c.after()));
    }
}
