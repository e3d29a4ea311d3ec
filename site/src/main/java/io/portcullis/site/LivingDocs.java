package io.portcullis.site;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SourceMap;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Snapshot;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.WhoCanInvoke;
import io.portcullis.site.internal.AuditDecisions;
import io.portcullis.site.internal.AwsFacts;
import io.portcullis.site.internal.Facts;
import io.portcullis.site.internal.Graphviz;
import io.portcullis.site.internal.SiteWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Living documentation of one compiled plan: a static site (HTML, plus Markdown for a wiki) with a page per API
 * (Portcullis and API Gateway) and per group, an index with search, the exceptions by expiry, and diagrams (SVG
 * through Graphviz, DOT, Mermaid). Who reaches what is asked of the engine ({@link Explainer}: the answers of
 * {@code who-can-reach} and {@code check}); who can invoke an API Gateway API ({@code awsApis[]}) of
 * {@link WhoCanInvoke}. An interactive reachability map ({@code map.html}, {@link io.portcullis.site.map.ReachabilityMap}'s
 * model and renderer) shows groups and APIs filterable by account, tenant and tier. With an audit log, each API page shows its recent decisions. The same plan, instant and log
 * give the same bytes (docs/living-docs.md).
 */
public final class LivingDocs {

    /**
     * What was written: counts (Portcullis APIs, API Gateway APIs, groups, files), whether SVGs were rendered, and
     * how the audit log read went.
     */
    public record Result(int apis, int awsApis, int groups, int files, boolean svg, long auditRecords, String auditDamage) {}

    private final PortcullisConfig config;
    private final Snapshot snapshot;
    private final String digest;
    private final Instant at;
    private final Optional<Path> audit;
    private final Optional<Instant> auditSince;
    private final Optional<String> dot;
    private final SourceMap sources;

    private LivingDocs(Builder b) {
        this.config = b.config;
        this.snapshot = b.snapshot;
        this.digest = b.digest;
        this.at = b.at;
        this.audit = Optional.ofNullable(b.audit);
        this.auditSince = Optional.ofNullable(b.auditSince);
        this.dot = Optional.ofNullable(b.dot);
        this.sources = b.sources;
    }

    /** Documentation of {@code config} as compiled into {@code snapshot} (the plan's engine snapshot). */
    public static Builder builder(PortcullisConfig config, Snapshot snapshot) {
        return new Builder(requireNonNull(config, "config"), requireNonNull(snapshot, "snapshot"));
    }

    /** Whether the Graphviz command runs here. */
    public static boolean graphvizAvailable(String command) {
        return new Graphviz(requireNonNull(command, "command")).available();
    }

    /** Writes the site into {@code out} (new, empty, or a site written before). */
    public Result write(Path out) throws IOException {
        requireNonNull(out, "out");
        AuditDecisions.Read read = audit.isPresent() ? AuditDecisions.read(audit.get(), auditSince.orElse(null)) : null;
        // Who can invoke the API Gateway APIs: asked once of WhoCanInvoke (who-can-reach's answer for awsApis[]).
        Map<String, ApiAccess> aws = config.awsApis().isEmpty() ? Map.of() : AwsFacts.byId(WhoCanInvoke.of(config, snapshot, at));
        Facts facts = new Facts(config, new Explainer(snapshot), aws, at);
        SiteWriter.Written w = new SiteWriter(facts, digest, read, dot.map(Graphviz::new).orElse(null), sources).write(out);
        return new Result(w.apis(), w.awsApis(), w.groups(), w.files(), w.svg(), read == null ? 0 : read.records(),
                read == null ? "" : read.damage());
    }

    /** Options of one site; {@link #at} and {@link #planDigest} are required. */
    public static final class Builder {
        private final PortcullisConfig config;
        private final Snapshot snapshot;
        private String digest;
        private Instant at;
        private Path audit;
        private Instant auditSince;
        private String dot;
        private SourceMap sources;

        private Builder(PortcullisConfig config, Snapshot snapshot) {
            this.config = config;
            this.snapshot = snapshot;
        }

        /** The plan digest ({@code sha256:...}) the pages name. */
        public Builder planDigest(String digest) {
            requireNonNull(digest, "digest");
            if (!digest.matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("planDigest: " + digest + " (expected: sha256: and 64 hex digits)");
            }
            this.digest = digest;
            return this;
        }

        /** The instant network reach is evaluated at (schedules, expiries). */
        public Builder at(Instant at) {
            this.at = requireNonNull(at, "at");
            return this;
        }

        /** An audit log directory whose decisions the API pages show, from {@code since} (null: all). */
        public Builder audit(Path dir, Instant since) {
            this.audit = requireNonNull(dir, "dir");
            this.auditSince = since;
            return this;
        }

        /** The Graphviz command that renders SVG ({@code dot}); without one, only DOT and Mermaid are written. */
        public Builder graphviz(String command) {
            this.dot = requireNonNull(command, "command");
            return this;
        }

        /**
         * Where the configuration's elements were written ({@code Plan.sources()}): the reachability map places each
         * group, rule, API and partner at its file, line and column. Without it, nothing is placed.
         */
        public Builder sources(SourceMap sources) {
            this.sources = requireNonNull(sources, "sources");
            return this;
        }

        public LivingDocs build() {
            if (digest == null) {
                throw new IllegalStateException("planDigest: not set (expected: the digest of the plan documented)");
            }
            if (at == null) {
                throw new IllegalStateException("at: not set (expected: the instant reach is evaluated at)");
            }
            return new LivingDocs(this);
        }
    }
}
