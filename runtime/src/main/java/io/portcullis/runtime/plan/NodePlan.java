package io.portcullis.runtime.plan;

import io.portcullis.alerts.AlertRule;
import io.portcullis.alerts.RuleType;
import io.portcullis.alerts.WebhookSettings;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.config.node.AlertRuleConfig;
import io.portcullis.config.node.AlertsConfig;
import io.portcullis.config.node.AuditConfig;
import io.portcullis.config.node.NodeConfig;
import io.portcullis.config.node.ThreatFeedConfig;
import io.portcullis.config.node.WebhookConfig;
import io.portcullis.feeds.FeedFormat;
import io.portcullis.feeds.FeedSource;
import io.portcullis.feeds.FeedSpec;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.runtime.change.ChangeControl;
import io.portcullis.runtime.geo.GeoLocator;
import io.portcullis.runtime.serving.ServingPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node sections ({@code audit}, {@code accessLog}, {@code admin}, {@code alerts}, {@code threatFeeds},
 * {@code autoBlock}) compiled and checked as far as can be without starting them: alert rules and the webhook
 * built (its secret read), feed specifications built (an unreadable feed file is a warning: a feed is retried
 * while the node runs), the audit signing key read and
 * the audit directory usable, the access-log directory writable, the admin listener clear of every API's.
 * What starts the services ({@code NodeServices}) takes these parts, so a check lives in one place and
 * {@code validate} refuses what {@code run} would.
 *
 * @param webhook the alert webhook with its secret, when {@code alerts.webhook} is set
 * @param geo the {@code geo} databases, opened (files read and their type checked), or {@link GeoLocator#NONE}
 * @param changeControl the {@code changeControl} section with its approvers' keys read
 */
public record NodePlan(NodeConfig config, List<AlertRule> alertRules, Optional<WebhookSettings> webhook,
                       List<FeedSpec> feeds, GeoLocator geo, Optional<ChangeControl> changeControl) {

    public NodePlan {
        alertRules = List.copyOf(alertRules);
        feeds = List.copyOf(feeds);
        java.util.Objects.requireNonNull(geo, "geo");
        java.util.Objects.requireNonNull(changeControl, "changeControl");
    }

    public NodePlan(NodeConfig config, List<AlertRule> alertRules, Optional<WebhookSettings> webhook, List<FeedSpec> feeds,
                    GeoLocator geo) {
        this(config, alertRules, webhook, feeds, geo, Optional.empty());
    }

    public NodePlan(NodeConfig config, List<AlertRule> alertRules, Optional<WebhookSettings> webhook, List<FeedSpec> feeds) {
        this(config, alertRules, webhook, feeds, GeoLocator.NONE);
    }

    /** This plan with the {@code geo} databases opened by {@link #geo(NodeConfig, List)}. */
    NodePlan withGeo(GeoLocator locator) {
        return new NodePlan(config, alertRules, webhook, feeds, locator, changeControl);
    }

    /**
     * Opens the databases of the {@code geo} section (a missing, unreadable or wrong-kind file is a problem:
     * unlike a feed, a location condition cannot be decided without it), or {@link GeoLocator#NONE}.
     */
    static GeoLocator geo(NodeConfig config, List<String> problems) {
        if (config.geo().isEmpty()) {
            return GeoLocator.NONE;
        }
        try {
            return GeoLocator.open(config.geo().get());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return GeoLocator.NONE;
        }
    }

    /**
     * Compiles {@code config}; every problem is added to {@code problems}, and what the node survives but the
     * operator should know to {@code warnings}, each as {@code PATH: message}.
     */
    static NodePlan compile(NodeConfig config, List<ApiSettings> apis, List<String> problems, List<String> warnings) {
        List<AlertRule> rules = new ArrayList<>();
        Optional<WebhookSettings> webhook = Optional.empty();
        if (config.alerts().isPresent()) {
            AlertsConfig a = config.alerts().get();
            for (int i = 0; i < a.rules().size(); i++) {
                AlertRuleConfig r = a.rules().get(i);
                try {
                    RuleType type = RuleType.of(r.type());
                    rules.add(type.passthrough() ? new AlertRule(r.name(), type, 1, Duration.ZERO, r.cooldown())
                            : new AlertRule(r.name(), type, r.threshold(), r.window(), r.cooldown()));
                } catch (IllegalArgumentException e) {
                    problems.add("alerts.rules[" + i + "]." + e.getMessage());
                }
            }
            webhook = a.webhook().flatMap(w -> webhook(w, problems));
        }
        List<FeedSpec> feeds = new ArrayList<>();
        for (int i = 0; i < config.threatFeeds().size(); i++) {
            ThreatFeedConfig f = config.threatFeeds().get(i);
            String at = "threatFeeds[" + i + "]";
            if (f.file().isPresent() && !Files.isReadable(f.file().get())) {
                // A feed is a live input: the node starts without it, alerts and keeps retrying (as for a URL).
                warnings.add(at + ".file: '" + f.file().get() + "' cannot be read now; the node will start without "
                        + "this feed and retry every " + f.refresh() + " (expected: a readable file)");
            }
            try {
                feeds.add(FeedSpec.of(f.name(), f.url().isPresent() ? FeedSource.url(f.url().get())
                        : FeedSource.file(f.file().orElseThrow()), FeedFormat.of(f.format()), f.refresh()));
            } catch (IllegalArgumentException e) {
                problems.add(at + "." + e.getMessage());
            }
        }
        config.audit().ifPresent(a -> audit(a, problems));
        config.assurance().ifPresent(a -> probeKey(a.probeKey(), problems));
        config.accessLog().flatMap(l -> l.path()).ifPresent(p -> accessLog(p, problems));
        config.console().ifPresent(c -> ConsoleCheck.check(c, config, apis, problems));
        config.admin().ifPresent(a -> apis.stream().filter(api -> clash(new InetSocketAddress(a.host(), a.port()), api.listen()))
                .findFirst().ifPresent(api -> problems.add("admin.listen: " + a.host() + ":" + a.port()
                        + " is also where API " + api.name() + " listens (expected: a port of its own)")));
        for (int j = 0; j < apis.size(); j++) {
            for (int i = 0; i < j; i++) {
                InetSocketAddress x = apis.get(i).listen();
                InetSocketAddress y = apis.get(j).listen();
                if (clash(x, y)) { // the same address exactly is refused with the settings already
                    problems.add("apis[" + j + "].listen: " + y.getHostString() + ":" + y.getPort() + " takes the port of "
                            + apis.get(i).name() + " on " + x.getHostString() + ":" + x.getPort()
                            + " (a wildcard address covers every address) (expected: a port of its own)");
                }
            }
        }
        return new NodePlan(config, rules, webhook, feeds, GeoLocator.NONE,
                ChangeControl.compile(config.changeControl(), problems));
    }

    private static Optional<WebhookSettings> webhook(WebhookConfig w, List<String> problems) {
        try {
            WebhookSettings.Builder b = WebhookSettings.builder(w.url()).maxAttempts(w.attempts())
                    .initialBackoff(w.initialBackoff()).maxBackoff(w.maxBackoff()).timeout(w.timeout());
            if (w.secretFile().isPresent()) {
                Path file = w.secretFile().get();
                if (!ServingPlan.readable(file, "alerts.webhook.secretFile", problems)) {
                    return Optional.empty();
                }
                b.secret(Files.readString(file).strip());
            }
            return Optional.of(b.build());
        } catch (IOException e) {
            problems.add("alerts.webhook.secretFile: cannot read '" + w.secretFile().orElseThrow() + "': "
                    + e.getClass().getSimpleName() + " (expected: a readable file)");
        } catch (IllegalArgumentException e) {
            problems.add("alerts.webhook." + e.getMessage());
        }
        return Optional.empty();
    }

    /** The assurance probe key must be readable and long enough; the node reads it again when it starts the runs. */
    private static void probeKey(Path file, List<String> problems) {
        if (ServingPlan.readable(file, "assurance.probeKey", problems)) {
            try {
                io.portcullis.runtime.assurance.ProbeKey.read(file, java.time.Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                problems.add("assurance.probeKey: " + e.getMessage());
            }
        }
    }

    private static void audit(AuditConfig a, List<String> problems) {
        if (ServingPlan.readable(a.signingKey(), "audit.signingKey", problems)) {
            try {
                AuditKeys.readSigningKey(a.signingKey());
            } catch (IOException | RuntimeException e) {
                problems.add("audit.signingKey: '" + a.signingKey() + "' is not an audit signing key ("
                        + e.getMessage() + ") (expected: a key written by 'portcullis audit keygen')");
            }
        }
        Path existing = a.dir().toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent(); // the log creates what is missing below the nearest existing directory
        }
        writableDirectory(existing, "audit.dir", problems);
    }

    private static void accessLog(Path file, List<String> problems) {
        if (Files.isDirectory(file)) {
            problems.add("accessLog.path: '" + file + "' is a directory (expected: a file to append to)");
        } else if (Files.exists(file) && !Files.isWritable(file)) {
            problems.add("accessLog.path: '" + file + "' is not writable by this process (expected: a file to append to)");
        } else {
            writableDirectory(parent(file), "accessLog.path", problems);
        }
    }

    private static Path parent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? p.toAbsolutePath() : parent;
    }

    private static void writableDirectory(Path dir, String at, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(at + ": '" + dir + "' " + (Files.exists(dir) ? "is not a directory" : "does not exist")
                    + " (expected: a writable directory)");
        } else if (!Files.isWritable(dir)) {
            problems.add(at + ": '" + dir + "' is not writable by this process (expected: a writable directory)");
        }
    }

    /** Whether two listeners would take the same port on some address (a wildcard covers every address). */
    static boolean clash(InetSocketAddress a, InetSocketAddress b) {
        if (a.getPort() == 0 || a.getPort() != b.getPort()) {
            return false;
        }
        InetAddress x = resolved(a);
        InetAddress y = resolved(b);
        return x == null || y == null || x.isAnyLocalAddress() || y.isAnyLocalAddress() || x.equals(y);
    }

    private static InetAddress resolved(InetSocketAddress a) {
        if (!a.isUnresolved()) {
            return a.getAddress();
        }
        try {
            return InetAddress.getByName(a.getHostString());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
