package io.portcullis.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.config.node.AccessLogConfig;
import io.portcullis.config.node.AdminConfig;
import io.portcullis.config.node.AlertRuleConfig;
import io.portcullis.config.node.AlertsConfig;
import io.portcullis.config.node.AssuranceConfig;
import io.portcullis.config.node.AuditConfig;
import io.portcullis.config.node.AutoBlockConfig;
import io.portcullis.config.node.ConsoleConfig;
import io.portcullis.config.api.JwtConfig;
import io.portcullis.settings.ClientAuth;
import io.portcullis.settings.TlsSettings;
import io.portcullis.config.node.ClusterConfig;
import io.portcullis.config.node.RedisConfig;
import io.portcullis.config.node.GeoConfig;
import io.portcullis.config.node.ThreatFeedConfig;
import io.portcullis.config.node.WebhookConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses the node-level sections of one file: {@code audit}, {@code accessLog}, {@code admin}, {@code alerts},
 * {@code threatFeeds}, {@code autoBlock}, {@code geo}, {@code changeControl}, {@code assurance}, {@code console},
 * {@code cluster}. A section may appear in only one file of a configuration.
 */
final class NodeParser {

    static final List<String> FEED_FORMATS = List.of("spamhaus-drop", "spamhaus-drop-json", "firehol-netset", "plain");
    static final List<String> RULE_TYPES = List.of("denials-per-source", "traffic-per-api", "auth-failures-per-group", "audit-lag",
            "feed-failure", "audit-failure");
    private static final List<String> BLOCK_KEYS = List.of("address", "workload", "group");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9._:/=+@-]{1,128}");
    private static final Pattern FEED_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");

    private final Problems problems;
    private final Draft draft;
    private final ServingParser serving;

    NodeParser(Problems problems, Draft draft, ServingParser serving) {
        this.problems = problems;
        this.draft = draft;
        this.serving = serving;
    }

    void parse(Fields root) {
        draft.audit = once("audit", root, draft.audit, this::audit);
        draft.accessLog = once("accessLog", root, draft.accessLog, this::accessLog);
        draft.admin = once("admin", root, draft.admin, this::admin);
        draft.alerts = once("alerts", root, draft.alerts, this::alerts);
        draft.autoBlock = once("autoBlock", root, draft.autoBlock, this::autoBlock);
        draft.geo = once("geo", root, draft.geo, this::geo);
        draft.changeControl = once("changeControl", root, draft.changeControl, new ChangeControlParser(problems)::parse);
        draft.assurance = once("assurance", root, draft.assurance, this::assurance);
        draft.console = once("console", root, draft.console, this::console);
        draft.cluster = once("cluster", root, draft.cluster, this::cluster);
        Set<String> names = new HashSet<>();
        draft.threatFeeds.forEach(l -> names.add(l.value().name()));
        for (var e : root.objects("threatFeeds")) {
            ThreatFeedConfig feed = feed(e.getKey(), e.getValue());
            if (feed != null && !names.add(feed.name())) {
                problems.error(e.getKey() + ".name", "duplicate feed name '" + feed.name() + "' (expected: unique names)");
            } else if (feed != null) {
                draft.threatFeeds.add(new Located<>(feed, new Problems.Where(problems.file(), e.getKey())));
            }
        }
    }

    private <T> Located<T> once(String key, Fields root, Located<T> existing, Function<Fields, T> parser) {
        if (!root.has(key)) {
            return existing;
        }
        if (existing != null) {
            problems.error(key, "already defined in " + existing.where().file() + " (expected: one " + key + " section per configuration)");
            return existing;
        }
        Fields f = new Fields(root.raw(key), key, problems);
        T value = f.valid() ? parser.apply(f) : null;
        f.done();
        return value == null ? null : new Located<>(value, new Problems.Where(problems.file(), key));
    }

    private AuditConfig audit(Fields f) {
        Path dir = file(f, "dir", true);
        Path key = file(f, "signingKey", true);
        Optional<Duration> checkpoint = duration(f, "checkpointInterval");
        Optional<Duration> fsync = duration(f, "fsyncInterval");
        Optional<Duration> age = Optional.empty();
        OptionalLong bytes = OptionalLong.empty();
        boolean ok = checkpoint != null && fsync != null;
        if (f.has("retention")) {
            Fields r = new Fields(f.raw("retention"), f.path("retention"), problems);
            age = duration(r, "maxAge");
            String rawBytes = r.optional("maxBytes", "a size");
            Long b = rawBytes == null ? null : Values.bytes(rawBytes, r.path("maxBytes"), problems);
            bytes = b == null ? OptionalLong.empty() : OptionalLong.of(b);
            ok &= age != null && (rawBytes == null || b != null) && r.valid();
            r.done();
        }
        String onFailure = Values.oneOf(f.optional("onFailure", "fail-closed or fail-open"), List.of("fail-closed", "fail-open"),
                f.path("onFailure"), problems);
        ok &= onFailure != null || !f.has("onFailure");
        Boolean query = f.bool("recordQuery");
        if (dir == null || key == null || !ok || query == null) {
            return null;
        }
        return new AuditConfig(dir, key, checkpoint, fsync, age, bytes, !"fail-open".equals(onFailure), query);
    }

    private AccessLogConfig accessLog(Fields f) {
        String raw = f.optional("path", "a file path, or omit for standard output");
        Path path = raw == null ? null : Values.file(raw, f.path("path"), problems);
        Boolean query = f.bool("recordQuery");
        return (raw != null && path == null) || query == null ? null : new AccessLogConfig(Optional.ofNullable(path), query);
    }

    private AdminConfig admin(Fields f) {
        String listen = f.required("listen", "HOST:PORT");
        HostPort hp = listen == null ? null : HostPort.parse(listen, f.path("listen"), problems);
        return hp == null ? null : new AdminConfig(hp.host(), hp.port());
    }

    /**
     * {@code console}: its listener (none: the admin listener's), TLS as an API's, and {@code auth}: a token ({@code jwt}, as an API's
     * {@code auth.jwt}, the role from {@code rolesClaim}) or client certificates ({@code certificates.viewers},
     * {@code .operators}, which need {@code tls.clientCa}). Without either nobody could sign in, so it is refused.
     */
    private ConsoleConfig console(Fields f) {
        String listen = f.optional("listen", "HOST:PORT, or omit to serve the console on the admin listener");
        HostPort hp = listen == null ? null : HostPort.parse(listen, f.path("listen"), problems);
        TlsSettings tls = f.has("tls") ? serving.consoleTls(f.path("tls"), f.raw("tls")) : null;
        boolean ok = (listen == null || hp != null) && (tls != null || !f.has("tls"));
        if (listen == null && f.has("tls")) {
            problems.error(f.path("tls"), "set without console.listen (expected: console.listen for a listener of the "
                    + "console's own with TLS; without listen the console is served by the admin listener, plain HTTP)");
            ok = false;
        }
        if (!f.has("auth")) {
            problems.error(f.path("auth"), "missing (expected: auth.jwt or auth.certificates: the console shows nothing "
                    + "without authentication)");
            return null;
        }
        Fields a = new Fields(f.raw("auth"), f.path("auth"), problems);
        JwtConfig jwt = a.has("jwt") ? serving.consoleJwt(a.path("jwt"), a.raw("jwt")) : null;
        ok &= jwt != null || !a.has("jwt");
        String claim = Values.matching(a.optional("rolesClaim", "a claim name"), CLAIM, a.path("rolesClaim"),
                "a claim name", problems);
        List<String> viewers = List.of();
        List<String> operators = List.of();
        if (a.has("certificates")) {
            Fields c = new Fields(a.raw("certificates"), a.path("certificates"), problems);
            viewers = c.strings("viewers", "certificate identities (SAN URI or DNS name)");
            operators = c.strings("operators", "certificate identities (SAN URI or DNS name)");
            if (c.valid() && viewers.isEmpty() && operators.isEmpty()) {
                problems.error(c.at(), "empty (expected: viewers or operators, the certificate identities that may sign in)");
            }
            ok &= c.valid();
            c.done();
            if (c.valid() && (tls == null || tls.clientAuth() != ClientAuth.REQUIRED) && f.valid()) {
                problems.error(a.path("certificates"), "set without tls.clientCa (expected: tls.clientCa with clientAuth "
                        + "required, so every connection presents a verified certificate)");
                ok = false;
            }
        } else if (!a.has("jwt") && a.valid()) {
            problems.error(a.at(), "neither jwt nor certificates (expected: at least one way to sign in)");
            ok = false;
        }
        ok &= a.valid();
        a.done();
        return ok && f.valid() ? new ConsoleConfig(Optional.ofNullable(hp).map(h -> new ConsoleConfig.Listen(h.host(), h.port())),
                Optional.ofNullable(tls), Optional.ofNullable(jwt),
                claim == null ? ConsoleConfig.DEFAULT_ROLES_CLAIM : claim, viewers, operators) : null;
    }

    private AlertsConfig alerts(Fields f) {
        Optional<WebhookConfig> webhook = Optional.empty();
        boolean ok = true;
        if (f.has("webhook")) {
            WebhookConfig w = webhook(new Fields(f.raw("webhook"), f.path("webhook"), problems));
            ok = w != null;
            webhook = Optional.ofNullable(w);
        }
        List<AlertRuleConfig> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (var e : f.objects("rules")) {
            AlertRuleConfig r = rule(e.getKey(), e.getValue());
            if (r != null && !names.add(r.name())) {
                problems.error(e.getKey() + ".name", "duplicate rule name '" + r.name() + "' (expected: unique names)");
                r = null;
            }
            ok &= r != null;
            rules.add(r);
        }
        Boolean unusual = f.bool("unusualTraffic");
        return ok && unusual != null ? new AlertsConfig(webhook, rules, unusual) : null;
    }

    private WebhookConfig webhook(Fields f) {
        URI url = Values.uri(f.required("url", "an http or https URL"), Set.of("http", "https"), f.path("url"), problems);
        Path secret = file(f, "secretFile", false);
        Long attempts = positive(f, "attempts", 20);
        Optional<Duration> initial = duration(f, "initialBackoff");
        Optional<Duration> max = duration(f, "maxBackoff");
        Optional<Duration> timeout = duration(f, "timeout");
        f.done();
        if (url == null || (f.has("secretFile") && secret == null) || attempts == null || initial == null || max == null
                || timeout == null || !f.valid()) {
            return null;
        }
        return new WebhookConfig(url, Optional.ofNullable(secret), attempts == 0 ? 5 : attempts.intValue(),
                initial.orElse(Duration.ofMillis(500)), max.orElse(Duration.ofSeconds(30)), timeout.orElse(Duration.ofSeconds(5)));
    }

    private AlertRuleConfig rule(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String name = Values.matching(f.required("name", "a rule name"), FEED_NAME, f.path("name"), "lower-case letters, digits and '-'", problems);
        String type = Values.oneOf(f.required("type", "one of " + String.join(", ", RULE_TYPES)), RULE_TYPES, f.path("type"), problems);
        Long threshold = positive(f, "threshold", 1_000_000_000L);
        if (threshold != null && threshold == 0 && f.valid()) {
            problems.error(f.path("threshold"), "missing (expected: the count, or for audit-lag the records behind, that fires the rule)");
            threshold = null;
        }
        Optional<Duration> window = duration(f, "window");
        Optional<Duration> cooldown = duration(f, "cooldown");
        f.done();
        if (name == null || type == null || threshold == null || window == null || cooldown == null) {
            return null;
        }
        return new AlertRuleConfig(name, type, threshold, window.orElse(Duration.ofMinutes(1)), cooldown.orElse(Duration.ofMinutes(5)));
    }

    private ThreatFeedConfig feed(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String name = Values.matching(f.required("name", "a feed name"), FEED_NAME, f.path("name"), "lower-case letters, digits and '-'", problems);
        String rawUrl = f.optional("url", "an http or https URL");
        URI url = rawUrl == null ? null : Values.uri(rawUrl, Set.of("http", "https"), f.path("url"), problems);
        Path file = file(f, "file", false);
        boolean oneSource = f.valid() && f.has("url") != f.has("file");
        if (f.valid() && !oneSource) {
            problems.error(path, "needs exactly one of url and file (expected: where the feed is read from)");
        }
        String format = Values.oneOf(f.required("format", "one of " + String.join(", ", FEED_FORMATS)), FEED_FORMATS, f.path("format"), problems);
        Optional<Duration> refresh = duration(f, "refresh");
        f.done();
        if (!oneSource || name == null || (rawUrl != null && url == null) || (f.has("file") && file == null) || format == null
                || refresh == null) {
            return null;
        }
        return new ThreatFeedConfig(name, Optional.ofNullable(url), Optional.ofNullable(file), format, refresh.orElse(Duration.ofHours(1)));
    }

    private AutoBlockConfig autoBlock(Fields f) {
        String key = Values.oneOf(f.optional("key", "address, workload or group"), BLOCK_KEYS, f.path("key"), problems);
        Long failures = positive(f, "failures", 1_000_000);
        Optional<Duration> window = duration(f, "window");
        Optional<Duration> cooldown = duration(f, "cooldown");
        if ((key == null && f.has("key")) || failures == null || window == null || cooldown == null) {
            return null;
        }
        return new AutoBlockConfig(key == null ? "address" : key, failures == 0 ? 10 : failures.intValue(),
                window.orElse(Duration.ofMinutes(1)), cooldown.orElse(Duration.ofMinutes(15)));
    }

    private GeoConfig geo(Fields f) {
        Path country = file(f, "country", false);
        Path anonymous = file(f, "anonymousIp", false);
        Optional<Duration> refresh = duration(f, "refresh");
        if (f.valid() && !f.has("country") && !f.has("anonymousIp")) {
            problems.error("geo", "needs country or anonymousIp (expected: the path of a MaxMind Country or City "
                    + "database, of an Anonymous IP database, or both)");
            return null;
        }
        if ((f.has("country") && country == null) || (f.has("anonymousIp") && anonymous == null) || refresh == null) {
            return null;
        }
        return new GeoConfig(Optional.ofNullable(country), Optional.ofNullable(anonymous), refresh.orElse(Duration.ofMinutes(1)));
    }

    private AssuranceConfig assurance(Fields f) {
        String key = Values.matching(f.optional("tenantKey", "a tag key such as tenant"), TAG_KEY, f.path("tenantKey"),
                "a tag key: letters, digits and . _ : / = + - @", problems);
        Path probeKey = file(f, "probeKey", true);
        Optional<Duration> every = duration(f, "every");
        Boolean afterReload = f.bool("afterReload");
        List<String> tenants = f.strings("tenants", "tenant names");
        if (every != null && every.isPresent() && every.get().compareTo(Duration.ofSeconds(10)) < 0) {
            problems.error(f.path("every"), every.get().toSeconds() + "s (expected: at least 10s)");
            every = null;
        }
        if ((key == null && f.has("tenantKey")) || probeKey == null || every == null || afterReload == null
                || !f.valid()) {
            return null;
        }
        return new AssuranceConfig(key == null ? "tenant" : key, probeKey, every, afterReload, tenants);
    }

    /** {@code cluster}: the node's name in the cluster and its store, {@code redis} (required). */
    private ClusterConfig cluster(Fields f) {
        String id = Values.matching(f.optional("nodeId", "a node name"), NODE_ID, f.path("nodeId"),
                "letters, digits and . _ - (at most 64), unique among the nodes", problems);
        if (f.valid() && !f.has("redis")) {
            problems.error(f.path("redis"), "missing (expected: the Redis store the nodes share, {uri: redis://HOST:PORT})");
            return null;
        }
        RedisConfig redis = f.has("redis") ? redis(new Fields(f.raw("redis"), f.path("redis"), problems)) : null;
        if ((id == null && f.has("nodeId")) || redis == null) {
            return null;
        }
        return new ClusterConfig(Optional.ofNullable(id), redis);
    }

    private RedisConfig redis(Fields f) {
        java.net.URI uri = Values.uri(f.required("uri", "a redis:// or rediss:// URL"), Set.of("redis", "rediss"),
                f.path("uri"), problems);
        String prefix = Values.matching(f.optional("keyPrefix", "a key prefix"), KEY_PREFIX, f.path("keyPrefix"),
                "letters, digits and . _ : - (at most 64)", problems);
        Optional<Duration> timeout = duration(f, "timeout");
        Optional<Duration> fallback = duration(f, "fallbackAfter");
        Optional<Duration> ttl = duration(f, "presenceTtl");
        f.done();
        if (uri == null || (prefix == null && f.has("keyPrefix")) || timeout == null || fallback == null || ttl == null
                || !f.valid()) {
            return null;
        }
        Duration t = timeout.orElse(RedisConfig.DEFAULT_TIMEOUT);
        Duration after = fallback.orElse(RedisConfig.DEFAULT_FALLBACK_AFTER);
        Duration presence = ttl.orElse(RedisConfig.DEFAULT_PRESENCE_TTL);
        boolean ok = true;
        if (t.toMillis() < 10 || t.compareTo(Duration.ofSeconds(10)) > 0) {
            problems.error(f.path("timeout"), t.toMillis() + "ms (expected: from 10ms to 10s)");
            ok = false;
        }
        if (after.compareTo(t) < 0 || after.compareTo(Duration.ofMinutes(1)) > 0) {
            problems.error(f.path("fallbackAfter"), after.toMillis() + "ms (expected: from the timeout, "
                    + t.toMillis() + "ms, to 1m)");
            ok = false;
        }
        if (presence.compareTo(Duration.ofSeconds(1)) < 0 || presence.compareTo(Duration.ofMinutes(5)) > 0) {
            problems.error(f.path("presenceTtl"), presence.toMillis() + "ms (expected: from 1s to 5m)");
            ok = false;
        }
        return ok ? new RedisConfig(uri, prefix == null ? RedisConfig.DEFAULT_PREFIX : prefix, t, after, presence) : null;
    }

    // --- field readers: null means invalid (already reported); absent values are Optional.empty() or 0

    private Optional<Duration> duration(Fields f, String key) {
        String raw = f.optional(key, "a duration such as 10s or 5m");
        if (raw == null) {
            return Optional.empty();
        }
        Duration d = Values.duration(raw, f.path(key), problems);
        return d == null ? null : Optional.of(d);
    }

    /** 0 when absent, null when invalid. */
    private Long positive(Fields f, String key, long max) {
        String raw = f.optional(key, "a whole number");
        return raw == null ? Long.valueOf(0) : Values.positive(raw, max, f.path(key), problems);
    }

    private Path file(Fields f, String key, boolean required) {
        String raw = required ? f.required(key, "a file path") : f.optional(key, "a file path");
        return raw == null ? null : Values.file(raw, f.path(key), problems);
    }

}
