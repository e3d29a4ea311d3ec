package io.portcullis.config;

import java.util.List;
import java.util.Map;

/** A workload (an instance, a task, a pod): its private addresses in one VPC and the groups it carries. */
public record Workload(String id, String account, String vpc, List<String> addresses, List<GroupRef> groups,
                       Map<String, String> labels) {
    public Workload {
        addresses = List.copyOf(addresses);
        groups = List.copyOf(groups);
        labels = Map.copyOf(labels);
    }
}
