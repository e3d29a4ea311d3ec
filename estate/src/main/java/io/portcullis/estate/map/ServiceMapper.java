package io.portcullis.estate.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.map.ReportEntry.Category;
import io.portcullis.estate.write.Item;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * VPC endpoints (id, VPC, account, service, groups, endpoint policy) and API Gateway REST APIs (id, name,
 * account, region, endpoint types, endpoint ids, resource policy, stages). Policies are written as the documents
 * AWS returned, parsed from their JSON strings with nothing changed. A REST API's output names neither its
 * account nor its region: they come from its folder (CloudMapper, Batfish), else from the one account and
 * region the other outputs of its folder describe.
 */
final class ServiceMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT_ID = Pattern.compile("vpce-[A-Za-z0-9-]+");
    private static final Set<String> LIVE = Set.of("available", "pending", "pendingAcceptance", "");

    private final Scope scope;
    private final GroupMapper groups;

    ServiceMapper(Scope scope, GroupMapper groups) {
        this.scope = scope;
        this.groups = groups;
    }

    List<Item> endpoints() {
        Map<String, Item> out = new TreeMap<>();
        for (AwsEstate.Endpoint e : scope.estate.endpoints) {
            String what = "VPC endpoint " + e.id();
            if (out.containsKey(e.id())) {
                scope.report.add(Category.IGNORED, what, "described again; the first description is imported", e.source());
                continue;
            }
            if (!LIVE.contains(e.state())) {
                scope.report.add(Category.IGNORED, what, "state '" + e.state() + "': it carries no traffic", e.source());
                continue;
            }
            if (!scope.vpcs.containsKey(e.vpcId())) {
                scope.report.add(Category.SKIPPED, what, "its VPC " + e.vpcId() + " is not in the export", e.source());
                continue;
            }
            String account = Scope.isAccount(e.ownerId()) ? e.ownerId() : scope.vpcs.get(e.vpcId()).account();
            if (!account.equals(e.ownerId())) {
                scope.report.add(Category.INFERRED, "account of " + what, "no valid OwnerId; written as " + account + ", its VPC's owner", e.source());
            }
            scope.account(account, e.source());
            List<String> refs = new ArrayList<>();
            for (String g : e.groups()) {
                String key = groups.attached(account, g, e.vpcId(), e.source(), e.id());
                if (key != null && !refs.contains(key)) {
                    refs.add(key);
                }
            }
            JsonNode policy = e.policy().map(p -> document(p, e.source().child("PolicyDocument"))).orElse(null);
            out.put(e.id(), new Item(e.id(), e.source(), e.id() + " (" + e.type() + ", " + e.service() + "): " + e.source())
                    .put("id", e.id()).put("vpc", e.vpcId()).put("account", account).put("service", e.service())
                    .put("securityGroups", refs).put("policy", policy).put("tags", scope.tags(e.tags(), "VPC endpoint " + e.id(), e.source())));
        }
        return new ArrayList<>(out.values());
    }

    List<Item> apis() {
        Map<String, List<AwsEstate.Stages>> stages = new HashMap<>();
        scope.estate.stages.forEach(s -> stages.computeIfAbsent(s.apiId(), k -> new ArrayList<>()).add(s));
        Map<String, Item> out = new TreeMap<>();
        for (AwsEstate.RestApi a : scope.estate.restApis) {
            String what = "REST API " + a.id();
            if (out.containsKey(a.id())) {
                scope.report.add(Category.IGNORED, what, "described again; the first description is imported", a.source());
                continue;
            }
            String account = a.account() != null ? a.account() : only(scope.accountsByFolder, a.source(), "account");
            String region = a.region() != null ? a.region() : only(scope.regionsByFolder, a.source(), "region");
            List<String> endpointIds = new ArrayList<>();
            for (int i = 0; i < a.endpointIds().size(); i++) {
                String id = a.endpointIds().get(i);
                if (ENDPOINT_ID.matcher(id).matches()) {
                    endpointIds.add(id);
                } else {
                    scope.problems.error(a.source().child("endpointConfiguration").child("vpcEndpointIds").child(i), "'" + id + "' (expected: a VPC endpoint id, vpce-...)");
                }
            }
            List<String> types = new ArrayList<>();
            for (int i = 0; i < a.types().size(); i++) {
                String t = a.types().get(i);
                if (List.of("PRIVATE", "REGIONAL", "EDGE").contains(t)) {
                    types.add(t);
                } else {
                    scope.problems.error(a.source().child("endpointConfiguration").child("types").child(i), "'" + t + "' (expected: PRIVATE, REGIONAL or EDGE)");
                }
            }
            JsonNode policy = a.policy().map(p -> document(p, a.source().child("policy"))).orElse(null);
            if (account == null || region == null) {
                continue;
            }
            scope.account(account, a.source());
            List<String> names = new ArrayList<>();
            List<AwsEstate.Stages> own = stages.remove(a.id());
            if (own != null) {
                own.forEach(s -> s.names().stream().filter(n -> !names.contains(n)).forEach(names::add));
            }
            out.put(a.id(), new Item(a.id(), a.source(), a.id() + " (" + a.name() + "): " + a.source()
                    + (own == null ? "" : "; stages: " + own.stream().map(s -> s.source().toString()).toList()))
                    .put("id", a.id()).put("name", a.name()).put("account", account).put("region", region).put("endpointTypes", types)
                    .put("vpcEndpointIds", endpointIds).put("resourcePolicy", policy).put("stages", names).put("tags", scope.tags(a.tags(), "API " + a.id(), a.source())));
            if (a.types().contains("PRIVATE") && a.policy().isEmpty()) {
                scope.report.add(Category.NOT_REPRESENTED, "resource policy of private " + what, "the API has none: AWS refuses every "
                        + "call to a private API without a resource policy (written without one)", a.source());
            }
        }
        stages.values().forEach(l -> l.forEach(s -> scope.report.add(Category.IGNORED, "stages of REST API " + s.apiId(),
                "the API is not in the export (get-rest-apis)", s.source())));
        return new ArrayList<>(out.values());
    }

    /** The one value the other outputs of a file's folder (or its parents') describe; null after reporting. */
    private String only(Map<String, Set<String>> byFolder, Source at, String what) {
        for (String folder = Scope.folder(at.file()); ; folder = Scope.folder(folder)) {
            Set<String> found = byFolder.get(folder);
            if (found != null && found.size() == 1) {
                return found.iterator().next();
            }
            if (found != null && found.size() > 1 || folder.isEmpty()) {
                scope.problems.error(at, "the " + what + " of these REST APIs cannot be told: get-rest-apis does not print it and "
                        + (found == null ? "no other output beside it names one" : "the outputs beside it name several " + found)
                        + " (expected: the file in a folder named by the " + what + ", e.g. 123456789012/us-east-1/apigateway-get-rest-apis.json)");
                return null;
            }
        }
    }

    private JsonNode document(String text, Source at) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            scope.problems.error(at, "not a JSON policy document (expected: a JSON object)");
            return null;
        }
    }
}
