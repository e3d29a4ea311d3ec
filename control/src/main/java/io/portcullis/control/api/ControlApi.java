package io.portcullis.control.api;

import static io.portcullis.control.auth.Role.NODE;
import static io.portcullis.control.auth.Role.OPERATOR;
import static io.portcullis.control.auth.Role.PROPOSER;
import static io.portcullis.control.auth.Role.VIEWER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.control.auth.Caller;
import io.portcullis.control.checkpoint.CheckpointJudge;
import io.portcullis.control.plan.Bundle;
import io.portcullis.control.plan.BundleCompiler;
import io.portcullis.control.store.Database;
import io.portcullis.control.store.NodeCheckpoints;
import io.portcullis.control.store.NodeStore;
import io.portcullis.control.store.PlanStore;
import io.portcullis.control.store.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the control plane's API (docs/control-api.yaml; the contract in docs/cluster.md) and what each does
 * with the stores, the bundle compiler and the long-poll watch. Handlers run on the API's worker threads (they talk
 * to the database); a long poll parks in {@link CurrentWatch} and holds no thread while it waits.
 */
public final class ControlApi {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    /** The longest a long poll waits; a longer {@code wait} is served as this. */
    public static final int MAX_WAIT_SECONDS = 60;

    private final Database db;
    private final PlanStore plans;
    private final NodeStore nodes;
    private final NodeCheckpoints checkpoints;
    private final BundleCompiler compiler;
    private final CurrentWatch watch;
    private final Clock clock;
    private final Executor workers;
    private final String openApi;
    private final boolean bindNodeIds;
    /** Fingerprints ({@code digest files-sha256}) of current plans whose stored files compiled to their digest. */
    private final Set<String> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ControlApi(Database db, PlanStore plans, NodeStore nodes, NodeCheckpoints checkpoints, BundleCompiler compiler,
                      CurrentWatch watch, Clock clock, Executor workers, boolean bindNodeIds) {
        this.bindNodeIds = bindNodeIds;
        this.db = db;
        this.plans = plans;
        this.nodes = nodes;
        this.checkpoints = checkpoints;
        this.compiler = compiler;
        this.watch = watch;
        this.clock = clock;
        this.workers = workers;
        this.openApi = openApiDocument();
    }

    /** Every route the server answers, in the order they are matched. */
    public List<Route> routes() {
        return List.of(
                new Route("GET", "/healthz", Set.of(), c -> health()),
                new Route("GET", "/v1/openapi.yaml", Set.of(), c -> Reply.text(200, openApi, "application/yaml")),
                new Route("POST", "/v1/plans", Set.of(PROPOSER), this::submit),
                new Route("GET", "/v1/plans", Set.of(VIEWER), c -> listPlans()),
                new Route("GET", "/v1/plans/{digest}", Set.of(VIEWER, NODE), this::plan),
                new Route("PUT", "/v1/current", Set.of(OPERATOR), this::promote),
                new Route("GET", "/v1/current", Set.of(VIEWER, NODE), this::current),
                new Route("POST", "/v1/nodes/{nodeId}/heartbeat", Set.of(NODE), this::heartbeat),
                new Route("GET", "/v1/nodes", Set.of(VIEWER), c -> listNodes()),
                new Route("GET", "/v1/nodes/{nodeId}/history", Set.of(VIEWER), this::history),
                new Route("GET", "/v1/nodes/{nodeId}/checkpoints", Set.of(VIEWER, NODE), this::listCheckpoints),
                new Route("POST", "/v1/nodes/{nodeId}/checkpoints", Set.of(NODE), this::postCheckpoint),
                new Route("PUT", "/v1/nodes/{nodeId}/key", Set.of(OPERATOR), this::pinKey));
    }

    private Reply health() {
        try {
            db.check();
            return Reply.json(200, Map.of("status", "ok"));
        } catch (StoreUnavailableException e) {
            return Reply.json(503, Map.of("status", "unhealthy", "reason", e.getMessage()));
        }
    }

    // --- plans

    private Reply submit(Call call) {
        JsonNode body = call.json();
        JsonNode files = body.get("files");
        if (files == null || !files.isObject()) {
            throw new ApiException(400, "files: " + kind(files) + " (expected: an object of relative path to UTF-8 text)");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        files.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual()) {
                texts.put(f.getKey(), f.getValue().asText());
            } else {
                problems.add("files['" + f.getKey() + "']: " + kind(f.getValue()) + " (expected: the file's text)");
            }
        });
        String description = optionalText(body, "description").orElse("");
        problems.addAll(Bundle.problems(texts));
        if (problems.isEmpty()) {
            Bundle bundle = new Bundle(texts);
            BundleCompiler.Compiled compiled = compiler.compile(bundle);
            problems.addAll(compiled.problems());
            if (compiled.valid()) {
                Optional<PlanStore.StoredPlan> stored = plans.plan(compiled.digest());
                PlanStore.Saved saved;
                if (stored.isPresent()) {
                    saved = new PlanStore.Saved(stored.get().summary(), false);
                } else {
                    // only the records this call stores are checked: those a resubmission carries again are not its own
                    authoredBySubmitter(call, compiled.changes());
                    saved = plans.save(new PlanStore.Summary(compiled.digest(), now(), call.caller().name(), description),
                            bundle.files(), compiled.changes());
                }
                if (saved.created()) {
                    LOG.info("plan {} submitted by {} ({} files, {} change records)", compiled.digest(),
                            call.caller().name(), texts.size(), compiled.changes().size());
                } else {
                    resubmitted(call, stored.orElseGet(() -> plans.plan(compiled.digest()).orElseThrow()), bundle);
                }
                PlanStore.Summary s = saved.summary();
                return Reply.json(saved.created() ? 201 : 200, Map.of("digest", s.digest(),
                        "createdAt", s.createdAt().toString(), "createdBy", s.createdBy()));
            }
        }
        LOG.info("plan refused from {}: {} problems", call.caller().name(), problems.size());
        throw new ApiException(422, "invalid bundle", Map.of("error", "invalid bundle: " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + " (expected: a configuration that portcullis validate accepts)",
                "problems", problems));
    }

    /**
     * A plan submitted again: its stored files stay as they are, and only new change records are added (approvals
     * given after the first submission); any other difference is refused (409) with every file named.
     */
    private void resubmitted(Call call, PlanStore.StoredPlan stored, Bundle bundle) {
        String digest = stored.summary().digest();
        BundleCompiler.Additions add = compiler.additions(digest, new Bundle(stored.files()), bundle);
        if (!add.problems().isEmpty()) {
            LOG.warn("resubmission of plan {} by {} refused: {}", digest, call.caller().name(),
                    String.join("; ", add.problems()));
            throw new ApiException(409, "plan " + digest + " is stored", Map.of("error", "plan " + digest + " is stored "
                    + "with other files: " + add.problems().size() + " problem" + (add.problems().size() == 1 ? "" : "s")
                    + " (expected: the stored files as they are, plus new change records)", "problems", add.problems()));
        }
        if (add.files().isEmpty()) {
            return;
        }
        authoredBySubmitter(call, add.changes());
        try {
            plans.addRecords(digest, add.files(), add.changes());
        } catch (PlanStore.PathTaken e) {
            throw new ApiException(409, e.getMessage());
        }
        LOG.info("plan {}: {} change record file(s) added by {}: {}", digest, add.files().size(), call.caller().name(),
                String.join(", ", add.files().keySet()));
    }

    /**
     * Refuses (422) change records whose author is not the caller submitting them: a record's {@code author} is free
     * text written by {@code portcullis propose}, and the gate's rule that the author cannot approve a change holds
     * only if the author is who proposed it. So the author must be the caller's id (its certificate's common name or
     * its token's {@code sub}), the name approvers are declared by; the record stays the one source of truth.
     */
    private static void authoredBySubmitter(Call call, List<PlanStore.StoredChange> changes) {
        String submitter = call.caller().id();
        List<String> problems = changes.stream().filter(c -> !c.author().equals(submitter))
                .map(c -> c.path() + ": change " + c.id() + " names author '" + c.author() + "', but " + submitter
                        + " submits it (expected: the change's author submits it: portcullis propose --author "
                        + submitter + ")")
                .toList();
        if (!problems.isEmpty()) {
            LOG.warn("change records refused from {}: {}", call.caller().name(), String.join("; ", problems));
            throw new ApiException(422, "change records by another author", Map.of("error", "change records by "
                    + "another author: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " "
                    + "(expected: records whose author is the caller submitting them, " + submitter + ")",
                    "problems", problems));
        }
    }

    private Reply listPlans() {
        List<Map<String, String>> out = new ArrayList<>();
        for (PlanStore.Summary s : plans.list()) {
            out.add(summary(s));
        }
        return Reply.json(200, out);
    }

    private Reply plan(Call call) {
        String digest = digest(call.param("digest"));
        PlanStore.StoredPlan p = plans.plan(digest).orElseThrow(() -> new ApiException(404, "no plan " + digest));
        Map<String, Object> out = new LinkedHashMap<>(summary(p.summary()));
        out.put("files", p.files());
        return Reply.json(200, out);
    }

    private static Map<String, String> summary(PlanStore.Summary s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("digest", s.digest());
        m.put("createdAt", s.createdAt().toString());
        m.put("createdBy", s.createdBy());
        m.put("description", s.description());
        return m;
    }

    // --- current

    private Reply promote(Call call) {
        String digest = digest(requiredText(call.json(), "digest"));
        PlanStore.StoredPlan candidate = plans.plan(digest).orElseThrow(() -> new ApiException(404, "digest: no plan "
                + digest + " (expected: a plan submitted with POST /v1/plans)"));
        Optional<PlanStore.Promotion> current = plans.current();
        if (current.isPresent() && current.get().digest().equals(digest)) {
            return Reply.json(200, Map.of("version", current.get().version(), "digest", digest));
        }
        Bundle served = current.map(p -> plans.plan(p.digest()).orElseThrow()).map(p -> new Bundle(p.files())).orElse(null);
        BundleCompiler.Gate gate = compiler.gate(current.map(PlanStore.Promotion::digest).orElse(null), served, digest,
                new Bundle(candidate.files()));
        if (gate instanceof BundleCompiler.Refused r) {
            LOG.warn("promotion of {} by {} refused: {}", digest, call.caller().name(), String.join("; ", r.reasons()));
            throw new ApiException(409, "promotion refused: " + String.join("; ", r.reasons()));
        }
        long expected = current.map(PlanStore.Promotion::version).orElse(0L);
        PlanStore.Promotion p;
        try {
            p = plans.promote(digest, expected, call.caller().name(), now(), ((BundleCompiler.Open) gate).summary());
        } catch (PlanStore.CurrentMoved e) {
            throw new ApiException(409, e.getMessage());
        }
        LOG.info("version {}: plan {} promoted by {} ({})", p.version(), digest, call.caller().name(), p.gate());
        watch.advanced(p.version());
        return Reply.json(200, Map.of("version", p.version(), "digest", digest));
    }

    private Reply current(Call call) {
        Long after = call.query("after") == null ? null : number(call.query("after"), "after", Long.MAX_VALUE);
        long wait = call.query("wait") == null ? 0 : Math.min(number(call.query("wait"), "wait", Long.MAX_VALUE), MAX_WAIT_SECONDS);
        Optional<Reply> now = currentAfter(after);
        if (now.isPresent() || wait == 0) {
            return now.orElse(Reply.empty(204));
        }
        Consumer<Reply> answer = call.later();
        CurrentWatch.Waiter w = watch.await(after, Duration.ofSeconds(wait),
                () -> {
                    try {
                        workers.execute(() -> answer.accept(Server.guarded(() -> currentAfter(after).orElse(Reply.empty(204)))));
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        answer.accept(Reply.error(503, "the control plane is busy (retry later)"));
                    }
                },
                () -> answer.accept(Reply.empty(204)));
        call.onClose(w::cancel);
        return null;
    }

    /** The current plan when its version is above {@code after} (or {@code after} is null); 404 when none ever was. */
    private Optional<Reply> currentAfter(Long after) {
        PlanStore.Promotion p = plans.current().orElseThrow(() -> new ApiException(404,
                "nothing was ever promoted (expected: PUT /v1/current by an operator)"));
        watch.advanced(p.version());
        if (after != null && p.version() <= after) {
            return Optional.empty();
        }
        PlanStore.StoredPlan plan = plans.plan(p.digest()).orElseThrow();
        verified(p.digest(), new Bundle(plan.files()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", p.version());
        out.put("digest", p.digest());
        out.put("files", plan.files());
        out.put("promotedAt", p.promotedAt().toString());
        out.put("promotedBy", p.promotedBy());
        return Optional.of(Reply.json(200, out));
    }

    /**
     * Fails closed (500) unless {@code bundle}, the stored files of the current plan, still compiles to
     * {@code digest}: a node must never be handed files that are not the plan promoted. A bundle verified once is
     * remembered by its fingerprint, so a long poll answered many times compiles it once.
     */
    private void verified(String digest, Bundle bundle) {
        String fingerprint = digest + " " + bundle.fingerprint();
        if (verified.contains(fingerprint)) {
            return;
        }
        Optional<String> altered = compiler.verify(digest, bundle);
        if (altered.isPresent()) {
            LOG.error("the current plan is not served: {}", altered.get());
            throw new ApiException(500, "the current plan is not served: " + altered.get());
        }
        verified.add(fingerprint);
    }

    // --- nodes

    private Reply heartbeat(Call call) {
        String node = reportingNode(call);
        JsonNode body = call.json();
        String digest = requiredText(body, "digest");
        JsonNode ready = body.get("ready");
        if (ready == null || !ready.isBoolean()) {
            throw new ApiException(400, "ready: " + kind(ready) + " (expected: true or false)");
        }
        String notReady = optionalText(body, "notReady").orElse(null);
        Instant started = optionalText(body, "startedAt").map(t -> instant(t, "startedAt")).orElse(null);
        JsonNode counters = body.get("counters");
        if (counters != null && !counters.isNull() && !counters.isObject()) {
            throw new ApiException(400, "counters: " + kind(counters) + " (expected: an object of name to number)");
        }
        if (counters != null && counters.isObject()) {
            counters.fields().forEachRemaining(f -> {
                if (!f.getValue().isNumber()) {
                    throw new ApiException(400, "counters." + f.getKey() + ": " + kind(f.getValue()) + " (expected: a number)");
                }
            });
        }
        String countersText = counters == null || counters.isNull() ? "{}" : counters.toString();
        String console = optionalText(body, "console").map(ControlApi::consoleAddress).orElse(null);
        int live = nodes.heartbeat(node, new NodeStore.Heartbeat(digest, ready.asBoolean(), notReady, started, countersText,
                console), now());
        return Reply.json(200, Map.of("liveNodes", live, "currentVersion", plans.currentVersion()));
    }

    /**
     * A node console's address as the relay will use it: {@code https://HOST:PORT/}, nothing else (no user, path,
     * query or fragment), so that a heartbeat can name only a console's root to connect to.
     */
    static String consoleAddress(String text) {
        String expected = " (expected: the node console's address, https://HOST:PORT/)";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ApiException(400, "console: '" + text + "': " + e.getReason() + expected);
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0 || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ApiException(400, "console: '" + text + "'" + expected);
        }
        return "https://" + uri.getRawAuthority() + "/";
    }

    private Reply listNodes() {
        ArrayNode out = Reply.JSON.createArrayNode();
        for (NodeStore.NodeState n : nodes.nodes(now())) {
            ObjectNode o = out.addObject();
            o.put("nodeId", n.nodeId());
            o.put("digest", n.last().digest());
            o.put("ready", n.last().ready());
            o.put("notReady", n.last().notReady());
            o.put("lastSeen", n.lastSeen().toString());
            o.put("live", n.live());
            o.put("console", n.last().console());
            o.set("counters", parse(n.last().counters()));
        }
        return Reply.json(200, out);
    }

    private Reply history(Call call) {
        String node = nodeId(call);
        List<NodeStore.Served> served = nodes.history(node);
        if (served.isEmpty()) {
            throw new ApiException(404, "node " + node + ": no heartbeat was ever received from it");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (NodeStore.Served s : served) {
            out.add(Map.of("digest", s.digest(), "from", s.from().toString(), "to", s.to().toString()));
        }
        return Reply.json(200, out);
    }

    // --- audit checkpoints

    private Reply listCheckpoints(Call call) {
        String node = nodeId(call);
        List<Map<String, Object>> out = new ArrayList<>();
        for (NodeCheckpoints.Accepted a : checkpoints.accepted(node)) {
            out.add(Map.of("treeSize", a.treeSize(), "rootHash", a.rootHash(), "checkpoint", a.checkpoint()));
        }
        return Reply.json(200, out);
    }

    private Reply postCheckpoint(Call call) {
        String node = reportingNode(call);
        JsonNode body = call.json();
        String text = requiredText(body, "checkpoint");
        Checkpoint checkpoint;
        try {
            checkpoint = CheckpointCodec.fromLine(text, "checkpoint");
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage() + " (expected: the checkpoint as CheckpointCodec writes it)");
        }
        JsonNode proofNode = body.get("consistency");
        if (proofNode != null && !proofNode.isNull() && !proofNode.isArray()) {
            throw new ApiException(400, "consistency: " + kind(proofNode) + " (expected: an array of base64 hashes)");
        }
        List<byte[]> proof = new ArrayList<>();
        if (proofNode != null && proofNode.isArray()) {
            for (int i = 0; i < proofNode.size(); i++) {
                proof.add(hash(proofNode.get(i), "consistency[" + i + "]"));
            }
        }
        Optional<String> offered = optionalText(body, "publicKey");
        Optional<PublicKey> offeredKey = offered.map(pem -> publicKey(pem, "publicKey"));
        Instant now = now();
        NodeCheckpoints.Attempt attempt = new NodeCheckpoints.Attempt(node, text, checkpoint.size(), checkpoint.rootBase64(),
                proofNode == null ? "[]" : proofNode.toString(), call.caller().name(), now);
        NodeCheckpoints.Verdict v = checkpoints.post(attempt,
                () -> offeredKey.map(k -> new NodeCheckpoints.PinnedKey(node, AuditKeys.publicKeyPem(k), AuditKeys.keyId(k),
                        now, call.caller().name())),
                (pinned, latest) -> offeredKey.filter(k -> !AuditKeys.keyId(k).equals(pinned.keyId()))
                        .<NodeCheckpoints.Verdict>map(k -> new NodeCheckpoints.Refuse("publicKey: key " + AuditKeys.keyId(k)
                                + " is not node " + node + "'s pinned key " + pinned.keyId()
                                + " (a pinned key is not replaced by a checkpoint)"))
                        .orElseGet(() -> CheckpointJudge.judge(pinned, latest, checkpoint, proof)));
        if (v instanceof NodeCheckpoints.Refuse r) {
            LOG.warn("checkpoint of node {} (size {}) refused: {}", node, checkpoint.size(), r.reason());
            throw new ApiException(409, "checkpoint refused: " + r.reason());
        }
        boolean accepted = v instanceof NodeCheckpoints.Accept;
        if (accepted) {
            LOG.info("checkpoint of node {} accepted: size {}", node, checkpoint.size());
        }
        return Reply.json(accepted ? 201 : 200, Map.of("treeSize", checkpoint.size(), "rootHash", checkpoint.rootBase64()));
    }

    private Reply pinKey(Call call) {
        String node = nodeId(call);
        PublicKey key = publicKey(requiredText(call.json(), "publicKey"), "publicKey");
        NodeCheckpoints.PinnedKey pinned = checkpoints.pin(new NodeCheckpoints.PinnedKey(node, AuditKeys.publicKeyPem(key),
                AuditKeys.keyId(key), now(), call.caller().name()));
        if (!pinned.keyId().equals(AuditKeys.keyId(key))) {
            throw new ApiException(409, "node " + node + " has key " + pinned.keyId() + " pinned since " + pinned.pinnedAt()
                    + " by " + pinned.pinnedBy() + " (expected: the same key; a pinned key is not replaced)");
        }
        return Reply.json(200, Map.of("nodeId", node, "keyId", pinned.keyId(), "pinnedAt", pinned.pinnedAt().toString(),
                "pinnedBy", pinned.pinnedBy()));
    }

    /** Now, to the microsecond PostgreSQL keeps: what is answered is what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    // --- input

    private static String nodeId(Call call) {
        String id = call.param("nodeId");
        if (!NODE_ID.matcher(id).matches()) {
            throw new ApiException(400, "nodeId: '" + id + "' (expected: 1 to 128 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit)");
        }
        return id;
    }

    /** The path's node id for a node's own report; with bound node ids, a node (not an operator) names only itself. */
    private String reportingNode(Call call) {
        String id = nodeId(call);
        Caller caller = call.caller();
        if (bindNodeIds && !caller.roles().contains(OPERATOR) && !caller.id().equals(id)) {
            LOG.warn("{} refused reporting as node {} (node ids are bound to callers)", caller.name(), id);
            throw new ApiException(403, "node " + id + ": this caller is node " + caller.id()
                    + " (node ids are bound to the certificate's common name or the token's subject)");
        }
        return id;
    }

    private static String digest(String digest) {
        if (!DIGEST.matcher(digest).matches()) {
            throw new ApiException(400, "digest: '" + digest + "' (expected: sha256: and 64 lower-case hex digits)");
        }
        return digest;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new ApiException(400, field + ": " + kind(v) + " (expected: a non-empty string)");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new ApiException(400, field + ": " + kind(v) + " (expected: a string or null)");
        }
        return Optional.of(v.asText());
    }

    private static long number(String text, String name, long max) {
        try {
            long n = Long.parseLong(text);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiException(400, name + ": '" + text + "' (expected: an integer >= 0)");
    }

    private static Instant instant(String text, String name) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, name + ": '" + text + "' (expected: an ISO-8601 instant, e.g. 2026-12-07T09:00:00Z)");
        }
    }

    private static byte[] hash(JsonNode v, String name) {
        if (v == null || !v.isTextual()) {
            throw new ApiException(400, name + ": " + kind(v) + " (expected: a base64 SHA-256 hash)");
        }
        try {
            byte[] h = Base64.getDecoder().decode(v.asText());
            if (h.length == 32) {
                return h;
            }
            throw new ApiException(400, name + ": " + h.length + " bytes (expected: a base64 SHA-256 hash, 32 bytes)");
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, name + ": not base64 (expected: a base64 SHA-256 hash)");
        }
    }

    private static PublicKey publicKey(String pem, String name) {
        try {
            return AuditKeys.parsePublicKey(pem, name);
        } catch (IOException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Reply.JSON.readTree(json);
        } catch (IOException e) {
            return Reply.JSON.createObjectNode();
        }
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        if (v.isNull()) {
            return "null";
        }
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + (v.isTextual() && v.asText().isEmpty() ? " (empty)" : "");
    }

    private static String openApiDocument() {
        try (InputStream in = ControlApi.class.getResourceAsStream("control-api.yaml")) {
            if (in == null) {
                throw new IllegalStateException("control-api.yaml is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read control-api.yaml", e);
        }
    }
}
