package io.portcullis.config;

import java.util.List;
import java.util.Map;

/**
 * A security group. {@code includes} and {@code extends} are Portcullis extensions: members of an included group
 * are members of this group; this group also has the ingress rules of every group it extends. {@code purpose}
 * (why the group exists and what it scopes) and {@code owner} are documentation only: they decide nothing.
 */
public record SecurityGroup(String id, String account, String vpc, String description, String owner,
                            Map<String, String> tags, List<IngressRule> ingress, List<GroupRef> includes,
                            List<GroupRef> extendsGroups, String purpose) {

    public SecurityGroup {
        tags = Map.copyOf(tags);
        ingress = List.copyOf(ingress);
        includes = List.copyOf(includes);
        extendsGroups = List.copyOf(extendsGroups);
        java.util.Objects.requireNonNull(purpose, "purpose");
    }

    /** A group with no stated purpose. */
    public SecurityGroup(String id, String account, String vpc, String description, String owner,
                         Map<String, String> tags, List<IngressRule> ingress, List<GroupRef> includes,
                         List<GroupRef> extendsGroups) {
        this(id, account, vpc, description, owner, tags, ingress, includes, extendsGroups, "");
    }

    public GroupRef ref() {
        return new GroupRef(account, id);
    }

    public String key() {
        return account + '/' + id;
    }
}
