package io.portcullis.config.digest.internal;

import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.Connection;
import io.portcullis.config.Partner;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.PrefixList;
import io.portcullis.config.Schedule;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import io.portcullis.config.api.JwtConfig;
import io.portcullis.config.api.RouteRequirementsConfig;
import io.portcullis.config.api.Serving;
import io.portcullis.config.node.AccessLogConfig;
import io.portcullis.settings.HeaderRules;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RouteSettings;
import io.portcullis.config.node.AlertsConfig;
import io.portcullis.config.node.AssuranceConfig;
import io.portcullis.config.node.ConsoleConfig;
import io.portcullis.config.node.ApprovalRuleConfig;
import io.portcullis.config.node.AuditConfig;
import io.portcullis.config.node.ChangeControlConfig;
import io.portcullis.config.node.GeoConfig;
import io.portcullis.config.node.NodeConfig;
import io.portcullis.config.node.RedisConfig;
import io.portcullis.config.node.ThreatFeedConfig;
import io.portcullis.config.node.WebhookConfig;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of the configuration model that the canonical form does not treat by their type alone: which lists
 * are sets, and which values stand for files or locations. Everything else follows the default rules of
 * {@link CanonicalForm} (a list keeps its order, a {@code Path} is a file whose bytes are hashed). docs/plan-digest.md
 * has this table with the reason for each row; keep the two in step.
 *
 * <p>A list is {@link Treatment#UNORDERED} only when its order can change neither a verdict nor the name of the
 * rule a decision reports. When in doubt a list stays {@link Treatment#ORDERED}: a digest that changes too often
 * is safe, one that collides is not. Every list of the model is named here, so adding one is a decision.
 */
public final class FieldTable {

    /** What the canonical form does with a field's value (inside its {@code Optional}, if any). */
    public enum Treatment {
        /** A list whose order matters: kept as written. */
        ORDERED,
        /** A list that is a set: elements sorted by their canonical JSON. */
        UNORDERED,
        /** Where the node writes (a directory, a log file) or re-reads live data: neither path nor content. */
        LOCATION,
        /** A URL that may carry a credential in its path or query: its origin and the SHA-256 of the whole URL. */
        SECRET_URL,
        /** A string naming a file: the file's SHA-256, as for a {@code Path}. */
        FILE_NAME,
        /** {@code jwks}: an {@code https://} URL as written, otherwise a file name as in {@link #FILE_NAME}. */
        URL_OR_FILE_NAME,
        /** The resource policy: its file's SHA-256, or the inline document with its keys sorted. */
        POLICY
    }

    /** A record component, named by its record and its accessor. */
    public record Field(Class<? extends Record> owner, String component) {
        public Field {
            if (Arrays.stream(owner.getRecordComponents()).noneMatch(c -> c.getName().equals(component))) {
                throw new IllegalArgumentException(owner.getSimpleName() + "." + component
                        + ": no such component (expected: one of " + Arrays.toString(owner.getRecordComponents()) + ")");
            }
        }

        @Override
        public String toString() {
            return owner.getSimpleName() + "." + component;
        }
    }

    private static final Map<Field, Treatment> TABLE = table(
            // Sets: looked up by id or name, unions, or any-of matches.
            row(PortcullisConfig.class, "accounts", Treatment.UNORDERED),
            row(PortcullisConfig.class, "vpcs", Treatment.UNORDERED),
            row(PortcullisConfig.class, "connections", Treatment.UNORDERED),
            row(PortcullisConfig.class, "vpcEndpoints", Treatment.UNORDERED),
            row(PortcullisConfig.class, "prefixLists", Treatment.UNORDERED),
            row(PortcullisConfig.class, "securityGroups", Treatment.UNORDERED),
            row(PortcullisConfig.class, "workloads", Treatment.UNORDERED),
            row(PortcullisConfig.class, "partners", Treatment.UNORDERED),
            row(PortcullisConfig.class, "apis", Treatment.UNORDERED),
            row(PortcullisConfig.class, "awsApis", Treatment.UNORDERED),
            row(VpcEndpoint.class, "securityGroups", Treatment.UNORDERED),
            row(AwsApi.class, "endpointTypes", Treatment.UNORDERED),
            row(AwsApi.class, "vpcEndpointIds", Treatment.UNORDERED),
            row(AwsApi.class, "stages", Treatment.UNORDERED),
            row(Vpc.class, "cidrs", Treatment.UNORDERED),
            row(Connection.class, "vpcs", Treatment.UNORDERED),
            row(PrefixList.class, "cidrs", Treatment.UNORDERED),
            row(SecurityGroup.class, "includes", Treatment.UNORDERED),
            row(SecurityGroup.class, "extendsGroups", Treatment.UNORDERED),
            row(Workload.class, "addresses", Treatment.UNORDERED),
            row(Workload.class, "groups", Treatment.UNORDERED),
            row(Partner.class, "cidrs", Treatment.UNORDERED),
            row(Partner.class, "groups", Treatment.UNORDERED),
            row(Partner.class, "certificates", Treatment.UNORDERED),
            row(Api.class, "securityGroups", Treatment.UNORDERED),
            row(Serving.class, "trustedProxies", Treatment.UNORDERED),
            row(RouteSettings.class, "methods", Treatment.UNORDERED),
            row(RouteRequirementsConfig.class, "scopes", Treatment.UNORDERED),
            row(RouteRequirementsConfig.class, "roles", Treatment.UNORDERED),
            row(RouteRequirementsConfig.class, "countries", Treatment.UNORDERED),
            row(JwtConfig.class, "audiences", Treatment.UNORDERED),
            row(JwtConfig.class, "algorithms", Treatment.UNORDERED),
            row(Schedule.class, "days", Treatment.UNORDERED),
            row(AlertsConfig.class, "rules", Treatment.UNORDERED),
            row(NodeConfig.class, "threatFeeds", Treatment.UNORDERED),
            row(ChangeControlConfig.class, "approvers", Treatment.UNORDERED),
            row(ChangeControlConfig.class, "require", Treatment.UNORDERED),
            row(ApprovalRuleConfig.class, "roles", Treatment.UNORDERED),
            row(ChangeControlConfig.class, "baselines", Treatment.UNORDERED),
            row(AssuranceConfig.class, "tenants", Treatment.UNORDERED),
            row(ConsoleConfig.class, "viewers", Treatment.UNORDERED),
            row(ConsoleConfig.class, "operators", Treatment.UNORDERED),
            row(HeaderRules.class, "requestRemove", Treatment.UNORDERED),
            row(HeaderRules.class, "responseRemove", Treatment.UNORDERED),
            // Sequences: the first match wins, the first empty bucket is reported, or the position names the rule
            // in decisions and audit records ("111111111111/sg-api ingress[2]").
            row(SecurityGroup.class, "ingress", Treatment.ORDERED),
            row(Serving.class, "routes", Treatment.ORDERED),
            row(Limits.class, "rateLimits", Treatment.ORDERED),
            row(RouteSettings.class, "rateLimits", Treatment.ORDERED),
            // Files and locations.
            row(AuditConfig.class, "dir", Treatment.LOCATION),
            row(AccessLogConfig.class, "path", Treatment.LOCATION),
            row(ThreatFeedConfig.class, "file", Treatment.LOCATION),
            row(GeoConfig.class, "country", Treatment.LOCATION),
            row(GeoConfig.class, "anonymousIp", Treatment.LOCATION),
            row(ChangeControlConfig.class, "changes", Treatment.LOCATION),
            row(ThreatFeedConfig.class, "url", Treatment.SECRET_URL),
            row(WebhookConfig.class, "url", Treatment.SECRET_URL),
            row(RedisConfig.class, "uri", Treatment.SECRET_URL),
            row(JwtConfig.class, "jwks", Treatment.URL_OR_FILE_NAME),
            row(JwtConfig.class, "sharedSecrets", Treatment.FILE_NAME),
            row(Serving.class, "resourcePolicy", Treatment.POLICY),
            row(VpcEndpoint.class, "policy", Treatment.POLICY),
            row(AwsApi.class, "resourcePolicy", Treatment.POLICY));

    private static final Map<Class<?>, Map<String, Treatment>> BY_OWNER = byOwner();

    private FieldTable() {}

    /** The treatment of {@code owner.component}, or null when its type alone decides. */
    public static Treatment of(Class<?> owner, String component) {
        Map<String, Treatment> fields = BY_OWNER.get(owner);
        return fields == null ? null : fields.get(component);
    }

    /** Every row, in the order above (for tests and documentation). */
    public static Map<Field, Treatment> all() {
        return TABLE;
    }

    private static Map.Entry<Field, Treatment> row(Class<? extends Record> owner, String component, Treatment treatment) {
        return Map.entry(new Field(owner, component), treatment);
    }

    @SafeVarargs
    private static Map<Field, Treatment> table(Map.Entry<Field, Treatment>... rows) {
        Map<Field, Treatment> out = new LinkedHashMap<>();
        for (Map.Entry<Field, Treatment> row : rows) {
            if (out.put(row.getKey(), row.getValue()) != null) {
                throw new IllegalStateException(row.getKey() + ": listed twice (expected: one treatment per field)");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<Class<?>, Map<String, Treatment>> byOwner() {
        Map<Class<?>, Map<String, Treatment>> out = new HashMap<>();
        TABLE.forEach((f, t) -> out.computeIfAbsent(f.owner(), k -> new HashMap<>()).put(f.component(), t));
        return out;
    }
}
