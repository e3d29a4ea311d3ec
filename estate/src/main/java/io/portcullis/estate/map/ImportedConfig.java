package io.portcullis.estate.map;

import io.portcullis.estate.write.Item;
import java.util.List;
import java.util.Map;

/**
 * The configuration an import produced, section by section in the order written ({@code accounts}, {@code vpcs},
 * {@code connections}, {@code prefixLists}, {@code securityGroups}, {@code vpcEndpoints}, {@code workloads},
 * {@code awsApis}), each section's items sorted by id; and the report of what it does not hold as AWS has it.
 */
public record ImportedConfig(Map<String, List<Item>> sections, Report report) {

    public static final List<String> ORDER = List.of("accounts", "vpcs", "connections", "prefixLists", "securityGroups",
            "vpcEndpoints", "workloads", "awsApis");

    public List<Item> section(String name) {
        return sections.getOrDefault(name, List.of());
    }
}
