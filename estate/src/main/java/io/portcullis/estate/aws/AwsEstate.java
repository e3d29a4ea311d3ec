package io.portcullis.estate.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was read from an AWS export, as AWS describes it (not yet mapped to the configuration), each element with
 * its {@link Source}. Accounts and regions are what the element says itself, or what its file's place in the
 * layout says ({@link FileContext}); {@code null} where neither says.
 */
public final class AwsEstate {

    public record Vpc(String id, String ownerId, String region, List<Cidr> cidrs, Map<String, String> tags, Source source) {}

    public record Cidr(String cidr, String state, Source source) {}

    public record Subnet(String id, String vpcId, String ownerId, String region, Source source) {}

    /** One source of one permission: exactly one of cidr, prefixList, group is set. */
    public record Peer(String cidr, String prefixList, String groupId, String userId, String vpcId, String peeringId,
                       String description, Source source) {}

    /** An IpPermission: protocol as AWS wrote it, FromPort/ToPort (null when absent), its sources. */
    public record Permission(String protocol, Integer fromPort, Integer toPort, List<Peer> peers, Source source) {}

    public record Group(String id, String name, String ownerId, String vpcId, String description, Map<String, String> tags,
                        List<Permission> ingress, List<Permission> egress, Source source) {}

    public record Interface(String id, String ownerId, String vpcId, String subnetId, String region, List<String> groups,
                            List<String> addresses, String instanceId, String interfaceType, boolean requesterManaged,
                            String description, Map<String, String> tags, Source source) {}

    public record Instance(String id, String ownerId, Map<String, String> tags, String state, List<Interface> interfaces,
                           Source source) {}

    public record Peering(String id, String status, String requesterVpc, String requesterOwner, String requesterRegion,
                          String accepterVpc, String accepterOwner, String accepterRegion, Source source) {}

    public record TgwAttachment(String id, String tgwId, String resourceType, String resourceId, String resourceOwner,
                                String state, Source source) {}

    public record Endpoint(String id, String type, String vpcId, String ownerId, String service, String state,
                           List<String> groups, Optional<String> policy, Map<String, String> tags, Source source) {}

    /** A prefix list: managed (entries from get-managed-prefix-list-entries) or AWS's own (Cidrs given). */
    public record PrefixList(String id, String name, String ownerId, List<String> cidrs, boolean entriesKnown, Source source) {}

    public record PrefixListEntries(String listId, List<String> cidrs, Source source) {}

    public record RestApi(String id, String name, String account, String region, List<String> types,
                          List<String> endpointIds, Optional<String> policy, Map<String, String> tags, Source source) {}

    public record Stages(String apiId, List<String> names, Source source) {}

    /** Something read that the configuration has no place for, counted so the report can name it. */
    public record Unrepresented(String what, String reason, Source source) {}

    public final List<Vpc> vpcs = new ArrayList<>();
    public final List<Subnet> subnets = new ArrayList<>();
    public final List<Group> groups = new ArrayList<>();
    public final List<Interface> interfaces = new ArrayList<>();
    public final List<Instance> instances = new ArrayList<>();
    public final List<Peering> peerings = new ArrayList<>();
    public final List<TgwAttachment> tgwAttachments = new ArrayList<>();
    public final List<Endpoint> endpoints = new ArrayList<>();
    public final List<PrefixList> prefixLists = new ArrayList<>();
    public final List<PrefixListEntries> prefixListEntries = new ArrayList<>();
    public final List<RestApi> restApis = new ArrayList<>();
    public final List<Stages> stages = new ArrayList<>();
    public final List<Unrepresented> unrepresented = new ArrayList<>();
    /** Account id → display name (a CloudMapper account folder, an IAM account alias). */
    public final Map<String, String> accountNames = new LinkedHashMap<>();
    /** Every file read, with what its place in the layout says. */
    public final List<FileContext> files = new ArrayList<>();
    /** Files read whose content is not an export this importer reads. */
    public final List<String> ignoredFiles = new ArrayList<>();
    /**
     * Symbolic links met in the export folder, relative to it: never followed, since a link may lead outside the
     * folder and every imported item is traced to a file inside it.
     */
    public final List<String> links = new ArrayList<>();

    /**
     * Appends what {@code part} read (one file, read on another thread) after what this holds, as if it had been
     * read here: each list in its order, and its account names put in their order.
     */
    void addAll(AwsEstate part) {
        vpcs.addAll(part.vpcs);
        subnets.addAll(part.subnets);
        groups.addAll(part.groups);
        interfaces.addAll(part.interfaces);
        instances.addAll(part.instances);
        peerings.addAll(part.peerings);
        tgwAttachments.addAll(part.tgwAttachments);
        endpoints.addAll(part.endpoints);
        prefixLists.addAll(part.prefixLists);
        prefixListEntries.addAll(part.prefixListEntries);
        restApis.addAll(part.restApis);
        stages.addAll(part.stages);
        unrepresented.addAll(part.unrepresented);
        accountNames.putAll(part.accountNames);
        files.addAll(part.files);
        ignoredFiles.addAll(part.ignoredFiles);
        links.addAll(part.links);
    }
}
