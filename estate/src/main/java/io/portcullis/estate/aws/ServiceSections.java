package io.portcullis.estate.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outputs beside the EC2 network: VPC endpoints (with their policy), prefix lists (managed, with their
 * entries, and AWS's own from the legacy describe-prefix-lists), API Gateway REST APIs and stages, and IAM
 * account aliases (display names). Policies arrive as JSON text inside a JSON string, sometimes escaped once
 * more, as API Gateway returns them; {@link #policy} reads both.
 */
final class ServiceSections {

    private static final Pattern ENDPOINT = Pattern.compile("vpce-[A-Za-z0-9]+");
    private static final Pattern PREFIX_LIST = Pattern.compile("pl-[A-Za-z0-9]+");
    private static final Pattern REST_API = Pattern.compile("[a-z0-9]{10}");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final Problems problems;
    private final AwsEstate estate;

    ServiceSections(Problems problems, AwsEstate estate) {
        this.problems = problems;
        this.estate = estate;
    }

    /** Reads the file if it is one of these outputs; false when it is none. */
    boolean read(Node root, FileContext ctx) {
        if (root.has("VpcEndpoints")) {
            root.array("VpcEndpoints").forEach(n -> endpoint(n, ctx));
        } else if (root.has("PrefixLists")) {
            root.array("PrefixLists").forEach(n -> prefixList(n, ctx));
        } else if (root.has("Entries")) {
            entries(root, ctx);
        } else if (root.has("items") && restApis(root, ctx)) {
            root.array("items").forEach(n -> restApi(n, ctx));
        } else if (root.has("item")) {
            stages(root, ctx);
        } else if (root.has("AccountAliases")) {
            List<String> aliases = root.strings("AccountAliases", "an account alias");
            if (ctx.accountId() != null && !aliases.isEmpty()) {
                estate.accountNames.put(ctx.accountId(), aliases.get(0));
            }
        } else {
            return false;
        }
        return true;
    }

    private void endpoint(Node n, FileContext ctx) {
        if (!n.isObject("a VPC endpoint")) {
            return;
        }
        String id = n.text("VpcEndpointId", ENDPOINT, "a VPC endpoint id, vpce-...");
        String type = Sections.firstNonNull(n.optText("VpcEndpointType", "Interface, Gateway or GatewayLoadBalancer"), "Interface");
        String vpc = n.text("VpcId", Sections.VPC, "a VPC id, vpc-...");
        String owner = Sections.firstNonNull(n.optText("OwnerId", "the owner's account id"), ctx.accountId());
        String service = n.text("ServiceName", "a service name, com.amazonaws.REGION.SERVICE");
        String state = n.optText("State", "the endpoint's state");
        List<String> groups = n.eachField("Groups", "GroupId", Sections.GROUP, "a security group id, sg-...");
        Optional<String> policy = n.has("PolicyDocument") ? policy(n, "PolicyDocument") : Optional.empty();
        var tags = n.tags("Tags");
        if (id != null && vpc != null && service != null && policy != null) {
            estate.endpoints.add(new AwsEstate.Endpoint(id, type, vpc, owner, service, state == null ? "" : state, groups, policy, tags, n.source()));
        }
    }

    private void prefixList(Node n, FileContext ctx) {
        if (!n.isObject("a prefix list")) {
            return;
        }
        String id = n.text("PrefixListId", PREFIX_LIST, "a prefix list id, pl-...");
        String name = n.optText("PrefixListName", "the list's name");
        String owner = n.optText("OwnerId", "the owner's account id");
        boolean legacy = n.has("Cidrs");
        List<String> cidrs = legacy ? n.strings("Cidrs", "a CIDR") : List.of();
        if (id != null) {
            estate.prefixLists.add(new AwsEstate.PrefixList(id, name == null ? "" : name, owner, cidrs, legacy, n.source()));
        }
    }

    private void entries(Node root, FileContext ctx) {
        String list = FileNames.prefixListOfEntries(ctx.file());
        if (list == null) {
            root.error(null, "get-managed-prefix-list-entries output whose prefix list cannot be told (expected: the list id "
                    + "in the file or folder name, e.g. ec2-get-managed-prefix-list-entries-pl-0123abcd.json)");
            return;
        }
        List<String> cidrs = root.eachField("Entries", "Cidr", null, "a CIDR");
        estate.prefixListEntries.add(new AwsEstate.PrefixListEntries(list, cidrs, root.source().child("Entries")));
    }

    /** {@code items} is what every apigateway get-* prints; REST APIs are told by name or by their fields. */
    private static boolean restApis(Node root, FileContext ctx) {
        String f = ctx.file().toLowerCase(java.util.Locale.ROOT);
        if (f.contains("rest-apis") || f.contains("restapis")) {
            return true;
        }
        JsonNode items = root.value().get("items");
        if (!items.isArray() || items.isEmpty()) {
            return false;
        }
        for (JsonNode i : items) {
            if (!i.isObject() || !i.has("id") || !i.has("name") || !(i.has("endpointConfiguration") || i.has("apiKeySource"))) {
                return false;
            }
        }
        return true;
    }

    private void restApi(Node n, FileContext ctx) {
        if (!n.isObject("a REST API")) {
            return;
        }
        String id = n.text("id", REST_API, "a REST API id, 10 lower-case letters and digits");
        String name = n.text("name", "the API's name");
        Node ec = n.get("endpointConfiguration");
        List<String> types = ec.strings("types", "an endpoint type: PRIVATE, REGIONAL or EDGE");
        List<String> endpoints = ec.strings("vpcEndpointIds", "a VPC endpoint id");
        Optional<String> policy = n.has("policy") ? policy(n, "policy") : Optional.empty();
        var tags = n.tagMap("tags");
        if (id != null && name != null && policy != null) {
            estate.restApis.add(new AwsEstate.RestApi(id, name, ctx.accountId(), ctx.region(), types.isEmpty() ? List.of("EDGE") : types,
                    endpoints, policy, tags, n.source()));
        }
    }

    private void stages(Node root, FileContext ctx) {
        String api = FileNames.apiIdOfStages(ctx.file());
        if (api == null) {
            root.error(null, "get-stages output whose API cannot be told (expected: the API id in the file or folder name: "
                    + "apigateway-get-stages-<apiId>.json, apigateway-get-stages/<apiId> or <apiId>/get-stages.json)");
            return;
        }
        List<String> names = root.eachField("item", "stageName", null, "the stage's name");
        estate.stages.add(new AwsEstate.Stages(api, names, root.source().child("item")));
    }

    /**
     * A policy document given as a JSON string: its text, unescaped once more if API Gateway escaped its quotes
     * ({@code {\"Version\": ...}}); null after reporting text that is not a JSON object either way.
     */
    private Optional<String> policy(Node n, String key) {
        String text = n.optText(key, "a policy document as a JSON string");
        if (text == null) {
            return null;
        }
        // the reading whose error is reported when none works: the unescaped one when API Gateway escaped the quotes
        int applies = text.contains("\\\"") ? 1 : 0;
        String[] readings = {text, unescape(text)};
        String why = null;
        for (int r = 0; r < readings.length; r++) {
            String candidate = readings[r];
            try {
                JsonNode doc = JSON.readTree(candidate);
                if (doc != null && doc.isObject()) {
                    return Optional.of(candidate);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                if (r == applies) {
                    why = e.getOriginalMessage(); // a duplicate key, a missing brace
                }
            } catch (java.io.IOException | RuntimeException e) {
                // try the next reading; reported below when none works
            }
        }
        n.error(key, "'" + Node.shorten(text) + "' is not a JSON policy document" + (why == null ? "" : " (" + why + ")")
                + " (expected: a JSON object, as a string)");
        return null;
    }

    /** Undoes one level of JSON string escaping ({@code \"} → {@code "}, {@code \\} → {@code \}, {@code \/} → {@code /}). */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "\"\\/".indexOf(s.charAt(i + 1)) >= 0) {
                b.append(s.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
