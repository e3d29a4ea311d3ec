package io.portcullis.estate.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognizes one file by its top-level key and reads its elements into the {@link AwsEstate}: the EC2 network
 * (VPCs, subnets, groups, interfaces, instances, peerings, transit gateway attachments); endpoints, prefix lists
 * and API Gateway are read by {@link ServiceSections}. An element without its id is reported and left out.
 */
final class Sections {

    static final Pattern VPC = Pattern.compile("vpc-[A-Za-z0-9]+");
    static final Pattern GROUP = Pattern.compile("sg-[A-Za-z0-9]+");
    static final Pattern ENI = Pattern.compile("eni-[A-Za-z0-9]+");

    /** Outputs read but with no place in the configuration: the report lists each element. */
    private static final Map<String, String[]> UNREPRESENTED = Map.of(
            "NetworkAcls", new String[] {"network ACL", "NetworkAclId", "network ACLs are not represented: Portcullis models security groups only, so a subnet's ACL that denies what a group admits is not taken into account"},
            "RouteTables", new String[] {"route table", "RouteTableId", "route tables are not represented: connectivity comes from peerings and transit gateway attachments, assumed routed"},
            "TransitGatewayRouteTables", new String[] {"transit gateway route table", "TransitGatewayRouteTableId", "transit gateway route tables are not represented: the VPCs attached to one transit gateway are assumed to reach each other"},
            "InternetGateways", new String[] {"internet gateway", "InternetGatewayId", "internet gateways are not represented: sources outside every VPC are matched by CIDR rules alone"},
            "NatGateways", new String[] {"NAT gateway", "NatGatewayId", "NAT gateways are not represented"},
            "VpnConnections", new String[] {"VPN connection", "VpnConnectionId", "VPN connections are not represented (declare remote ranges as partners)"},
            "VpnGateways", new String[] {"VPN gateway", "VpnGatewayId", "VPN gateways are not represented"},
            "TransitGatewayPeeringAttachments", new String[] {"transit gateway peering", "TransitGatewayAttachmentId", "transit gateway peerings are not represented: transit gateways are not connected to each other"});

    private final Problems problems;
    private final AwsEstate estate;
    private final ServiceSections services;

    Sections(Problems problems, AwsEstate estate) {
        this.problems = problems;
        this.estate = estate;
        this.services = new ServiceSections(problems, estate);
    }

    void read(Node root, FileContext ctx) {
        int before = problems.count();
        boolean known = true;
        if (root.has("Vpcs")) {
            root.array("Vpcs").forEach(n -> vpc(n, ctx));
        } else if (root.has("Subnets")) {
            root.array("Subnets").forEach(n -> subnet(n, ctx));
        } else if (root.has("SecurityGroups")) {
            root.array("SecurityGroups").forEach(n -> group(n, ctx));
        } else if (root.has("NetworkInterfaces")) {
            root.array("NetworkInterfaces").forEach(n -> iface(n, ctx, null, null).ifPresent(estate.interfaces::add));
        } else if (root.has("Reservations")) {
            root.array("Reservations").forEach(n -> reservation(n, ctx));
        } else if (root.has("VpcPeeringConnections")) {
            root.array("VpcPeeringConnections").forEach(this::peering);
        } else if (root.has("TransitGatewayAttachments") || root.has("TransitGatewayVpcAttachments")) {
            root.array("TransitGatewayAttachments").forEach(n -> attachment(n, false));
            root.array("TransitGatewayVpcAttachments").forEach(n -> attachment(n, true));
        } else {
            known = services.read(root, ctx);
        }
        if (!known) {
            known = unrepresented(root);
        }
        if (!known && problems.count() == before) {
            estate.ignoredFiles.add(ctx.file());
        }
    }

    private boolean unrepresented(Node root) {
        for (var e : UNREPRESENTED.entrySet()) {
            if (root.has(e.getKey())) {
                for (Node n : root.array(e.getKey())) {
                    String id = n.value() != null && n.value().isObject() && n.value().path(e.getValue()[1]).isTextual()
                            ? n.value().path(e.getValue()[1]).textValue() : "?";
                    estate.unrepresented.add(new AwsEstate.Unrepresented(e.getValue()[0] + " " + id, e.getValue()[2], n.source()));
                }
                return true;
            }
        }
        return false;
    }

    private void vpc(Node n, FileContext ctx) {
        if (!n.isObject("a VPC")) {
            return;
        }
        String id = n.text("VpcId", VPC, "a VPC id, vpc-...");
        String owner = n.optText("OwnerId", "the owner's account id");
        List<AwsEstate.Cidr> cidrs = new ArrayList<>();
        for (Node a : n.array("CidrBlockAssociationSet")) {
            if (a.isObject("a CIDR association")) {
                String c = a.text("CidrBlock", "an IPv4 CIDR");
                String state = a.get("CidrBlockState").optText("State", "the association's state");
                if (c != null) {
                    cidrs.add(new AwsEstate.Cidr(c, state == null ? "associated" : state, a.source().child("CidrBlock")));
                }
            }
        }
        if (cidrs.isEmpty() && n.has("CidrBlock")) {
            String c = n.optText("CidrBlock", "an IPv4 CIDR");
            if (c != null) {
                cidrs.add(new AwsEstate.Cidr(c, "associated", n.source().child("CidrBlock")));
            }
        }
        for (Node a : n.array("Ipv6CidrBlockAssociationSet")) {
            if (a.isObject("an IPv6 CIDR association")) {
                String c = a.text("Ipv6CidrBlock", "an IPv6 CIDR");
                String state = a.get("Ipv6CidrBlockState").optText("State", "the association's state");
                if (c != null) {
                    cidrs.add(new AwsEstate.Cidr(c, state == null ? "associated" : state, a.source().child("Ipv6CidrBlock")));
                }
            }
        }
        Map<String, String> tags = n.tags("Tags");
        if (id != null) {
            estate.vpcs.add(new AwsEstate.Vpc(id, owner, ctx.region(), cidrs, tags, n.source()));
        }
    }

    private void subnet(Node n, FileContext ctx) {
        if (!n.isObject("a subnet")) {
            return;
        }
        String id = n.text("SubnetId", "a subnet id, subnet-...");
        String vpc = n.text("VpcId", VPC, "a VPC id, vpc-...");
        String owner = n.optText("OwnerId", "the owner's account id");
        String arn = n.optText("SubnetArn", "the subnet's ARN");
        if (owner == null || !FileContext.isAccount(owner)) {
            owner = FileContext.accountOfArn(arn) != null ? FileContext.accountOfArn(arn) : owner;
        }
        String region = firstNonNull(ctx.region(), FileContext.regionOfArn(arn),
                FileContext.regionOfZone(n.optText("AvailabilityZone", "an availability zone")));
        if (id != null && vpc != null) {
            estate.subnets.add(new AwsEstate.Subnet(id, vpc, owner, region, n.source()));
        }
    }

    private void group(Node n, FileContext ctx) {
        if (!n.isObject("a security group")) {
            return;
        }
        String id = n.text("GroupId", GROUP, "a security group id, sg-...");
        String name = n.optText("GroupName", "the group's name");
        String owner = firstNonNull(n.optText("OwnerId", "the owner's account id"), ctx.accountId());
        String vpc = n.optText("VpcId", "a VPC id, vpc-...");
        String description = n.optText("Description", "the group's description");
        Map<String, String> tags = n.tags("Tags");
        List<AwsEstate.Permission> ingress = n.array("IpPermissions").stream().map(this::permission).flatMap(Optional::stream).toList();
        List<AwsEstate.Permission> egress = n.array("IpPermissionsEgress").stream().map(this::permission).flatMap(Optional::stream).toList();
        if (id != null) {
            estate.groups.add(new AwsEstate.Group(id, name, owner, vpc, description == null ? "" : description, tags, ingress, egress, n.source()));
        }
    }

    private Optional<AwsEstate.Permission> permission(Node p) {
        if (!p.isObject("an IpPermission")) {
            return Optional.empty();
        }
        String protocol = p.text("IpProtocol", "a protocol: tcp, udp, icmp, icmpv6, -1 or a number");
        Integer from = p.optInt("FromPort", -1, 65535, "a port 0-65535, an ICMP type, or -1");
        Integer to = p.optInt("ToPort", -1, 65535, "a port 0-65535, an ICMP code, or -1");
        List<AwsEstate.Peer> peers = new ArrayList<>();
        for (Node r : p.array("IpRanges")) {
            if (r.isObject("an IP range {CidrIp}")) {
                String c = r.text("CidrIp", "an IPv4 CIDR");
                String d = r.optText("Description", "a description");
                if (c != null) {
                    peers.add(new AwsEstate.Peer(c, null, null, null, null, null, d, r.source()));
                }
            }
        }
        for (Node r : p.array("Ipv6Ranges")) {
            if (r.isObject("an IPv6 range {CidrIpv6}")) {
                String c = r.text("CidrIpv6", "an IPv6 CIDR");
                String d = r.optText("Description", "a description");
                if (c != null) {
                    peers.add(new AwsEstate.Peer(c, null, null, null, null, null, d, r.source()));
                }
            }
        }
        for (Node r : p.array("PrefixListIds")) {
            if (r.isObject("a prefix list {PrefixListId}")) {
                String id = r.text("PrefixListId", Pattern.compile("pl-[A-Za-z0-9]+"), "a prefix list id, pl-...");
                String d = r.optText("Description", "a description");
                if (id != null) {
                    peers.add(new AwsEstate.Peer(null, id, null, null, null, null, d, r.source()));
                }
            }
        }
        for (Node r : p.array("UserIdGroupPairs")) {
            if (r.isObject("a group pair {GroupId, UserId}")) {
                if (!r.has("GroupId") && r.has("GroupName")) {
                    r.error("GroupId", "missing: a reference by group name only (EC2-Classic or default VPC) (expected: the GroupId of the referenced group)");
                    continue;
                }
                String g = r.text("GroupId", GROUP, "a security group id, sg-...");
                String user = r.optText("UserId", "the referenced group's account id");
                String vpc = r.optText("VpcId", "a VPC id");
                String pcx = r.optText("VpcPeeringConnectionId", "a peering connection id");
                String d = r.optText("Description", "a description");
                if (g != null) {
                    peers.add(new AwsEstate.Peer(null, null, g, user, vpc, pcx, d, r.source()));
                }
            }
        }
        return protocol == null ? Optional.empty() : Optional.of(new AwsEstate.Permission(protocol, from, to, peers, p.source()));
    }

    /** A network interface, from describe-network-interfaces or inside an instance (whose fields fill gaps). */
    private Optional<AwsEstate.Interface> iface(Node n, FileContext ctx, String instanceId, String fallbackOwner) {
        if (!n.isObject("a network interface")) {
            return Optional.empty();
        }
        String id = n.text("NetworkInterfaceId", ENI, "a network interface id, eni-...");
        String owner = firstNonNull(n.optText("OwnerId", "the owner's account id"), fallbackOwner, ctx.accountId());
        String vpc = n.optText("VpcId", "a VPC id, vpc-...");
        String subnet = n.optText("SubnetId", "a subnet id");
        String region = firstNonNull(ctx.region(), FileContext.regionOfZone(n.optText("AvailabilityZone", "an availability zone")));
        List<String> groups = n.eachField("Groups", "GroupId", GROUP, "a security group id, sg-...");
        List<String> addresses = new ArrayList<>(n.eachField("PrivateIpAddresses", "PrivateIpAddress", null, "an IPv4 address"));
        if (addresses.isEmpty() && n.has("PrivateIpAddress")) {
            String ip = n.optText("PrivateIpAddress", "an IPv4 address");
            if (ip != null) {
                addresses.add(ip);
            }
        }
        n.eachField("Ipv6Addresses", "Ipv6Address", null, "an IPv6 address").stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
        String instance = firstNonNull(n.get("Attachment").optText("InstanceId", "an instance id"), instanceId);
        String type = firstNonNull(n.optText("InterfaceType", "an interface type"), "interface");
        Boolean managed = n.optBool("RequesterManaged", false);
        String description = n.optText("Description", "a description");
        Map<String, String> tags = n.has("TagSet") ? n.tags("TagSet") : n.tags("Tags");
        if (id == null || managed == null) {
            return Optional.empty();
        }
        return Optional.of(new AwsEstate.Interface(id, owner, vpc, subnet, region, groups, addresses, instance, type, managed,
                description == null ? "" : description, tags, n.source()));
    }

    private void reservation(Node r, FileContext ctx) {
        if (!r.isObject("a reservation")) {
            return;
        }
        String owner = r.optText("OwnerId", "the owner's account id");
        for (Node i : r.array("Instances")) {
            if (!i.isObject("an instance")) {
                continue;
            }
            String id = i.text("InstanceId", "an instance id, i-...");
            Map<String, String> tags = i.tags("Tags");
            String state = i.get("State").optText("Name", "the instance state");
            FileContext at = ctx.region() != null ? ctx : new FileContext(ctx.file(), ctx.accountId(), ctx.accountLabel(),
                    FileContext.regionOfZone(i.get("Placement").optText("AvailabilityZone", "an availability zone")));
            List<AwsEstate.Interface> enis = new ArrayList<>();
            for (Node e : i.array("NetworkInterfaces")) {
                iface(e, at, id, owner).ifPresent(enis::add);
            }
            if (id != null) {
                estate.instances.add(new AwsEstate.Instance(id, owner, tags, state == null ? "" : state, enis, i.source()));
            }
        }
    }

    private void peering(Node n) {
        if (!n.isObject("a VPC peering connection")) {
            return;
        }
        String id = n.text("VpcPeeringConnectionId", "a peering connection id, pcx-...");
        String status = n.get("Status").text("Code", "the peering's status code, such as active");
        Node req = n.get("RequesterVpcInfo");
        Node acc = n.get("AccepterVpcInfo");
        String rv = req.text("VpcId", VPC, "the requester's VPC id");
        String av = acc.text("VpcId", VPC, "the accepter's VPC id");
        if (id != null && status != null && rv != null && av != null) {
            estate.peerings.add(new AwsEstate.Peering(id, status, rv, req.optText("OwnerId", "an account id"), req.optText("Region", "a region"),
                    av, acc.optText("OwnerId", "an account id"), acc.optText("Region", "a region"), n.source()));
        }
    }

    private void attachment(Node n, boolean vpcOutput) {
        if (!n.isObject("a transit gateway attachment")) {
            return;
        }
        String id = n.text("TransitGatewayAttachmentId", "an attachment id, tgw-attach-...");
        String tgw = n.text("TransitGatewayId", "a transit gateway id, tgw-...");
        String type = vpcOutput ? "vpc" : n.text("ResourceType", "the attached resource's type, such as vpc");
        String resource = vpcOutput ? n.text("VpcId", VPC, "the attached VPC's id") : n.text("ResourceId", "the attached resource's id");
        String owner = vpcOutput ? n.optText("VpcOwnerId", "an account id") : n.optText("ResourceOwnerId", "an account id");
        String state = n.text("State", "the attachment's state, such as available");
        if (id != null && tgw != null && type != null && resource != null && state != null) {
            estate.tgwAttachments.add(new AwsEstate.TgwAttachment(id, tgw, type, resource, owner, state, n.source()));
        }
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
