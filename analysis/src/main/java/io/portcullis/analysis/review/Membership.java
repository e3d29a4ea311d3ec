package io.portcullis.analysis.review;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.GroupRef;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One membership: workload {@code member} carries group {@code group} ({@link Kind#WORKLOAD}), or group
 * {@code member} is included in group {@code group} ({@link Kind#GROUP}: members of {@code member} are members of
 * {@code group}). Groups are named by their key, {@code ACCOUNT/sg-id}.
 */
public record Membership(Kind kind, String member, String group) {

    /** What the member is. */
    public enum Kind {
        WORKLOAD, GROUP;

        /** {@code workload} or {@code group}, as sheets write it. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind a sheet names, or an exception saying what was expected. */
        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.text().equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("kind '" + text + "' (expected: workload or group)");
        }
    }

    public Membership {
        requireNonNull(kind, "kind");
        requireNonNull(member, "member");
        requireNonNull(group, "group");
    }

    /**
     * Every membership of {@code config} in configuration order (workloads first, then inclusions), each with the
     * configuration path of the list item that declares it ({@code workloads[3].groups[0]},
     * {@code securityGroups[2].includes[1]}); a membership written twice has both items.
     */
    public static Map<Membership, List<String>> of(PortcullisConfig config) {
        Map<Membership, List<String>> out = new LinkedHashMap<>();
        List<Workload> workloads = config.workloads();
        for (int i = 0; i < workloads.size(); i++) {
            List<GroupRef> groups = workloads.get(i).groups();
            for (int j = 0; j < groups.size(); j++) {
                out.computeIfAbsent(new Membership(Kind.WORKLOAD, workloads.get(i).id(), groups.get(j).key()),
                        k -> new ArrayList<>()).add("workloads[" + i + "].groups[" + j + "]");
            }
        }
        List<SecurityGroup> sgs = config.securityGroups();
        for (int i = 0; i < sgs.size(); i++) {
            List<GroupRef> includes = sgs.get(i).includes();
            for (int j = 0; j < includes.size(); j++) {
                out.computeIfAbsent(new Membership(Kind.GROUP, includes.get(j).key(), sgs.get(i).key()),
                        k -> new ArrayList<>()).add("securityGroups[" + i + "].includes[" + j + "]");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return kind == Kind.WORKLOAD ? "workload " + member + " in " + group : "group " + member + " included in " + group;
    }
}
