package io.portcullis.runtime.auth;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A valid configuration of one account, one VPC with one endpoint, and its API group, with the given YAML items under
 * {@code apis}.
 */
final class OneVpcConfig {

    /** An API in the VPC behind its group, without serving fields: what the policy tests attach a policy to. */
    static final String ORDERS = """
              - name: orders
                account: "111111111111"
                vpc: vpc-a
                listen: "0.0.0.0:443"
                securityGroups: [sg-api]
            """;

    /** What building the first API's authorizer reports. */
    record Findings(List<String> errors, List<String> warnings) {}

    private OneVpcConfig() {}

    /** Loads the configuration with {@code apis} and builds the first API's authorizer as the plan compiler does. */
    static Findings authorize(Path dir, String apis) throws Exception {
        PortcullisConfig config = withApis(dir, apis);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (Authorizers authorizers = new Authorizers()) {
            authorizers.build(config.apis().get(0), 0, ConfigIds.of(config), new HashMap<>(),
                    io.portcullis.identity.binding.CertificateBinding.NONE, errors, warnings);
        }
        return new Findings(errors, warnings);
    }

    /** Writes the configuration into {@code dir} and loads it; fails the test if it does not load. */
    static PortcullisConfig withApis(Path dir, String apis) throws Exception {
        Path file = dir.resolve("apis.yaml");
        Files.writeString(file, """
                accounts: [{id: "111111111111", name: a}]
                vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
                vpcEndpoints: [{id: vpce-0123456789abcdef0, vpc: vpc-a}]
                securityGroups: [{id: sg-api, account: "111111111111", vpc: vpc-a}]
                apis:
                """ + apis);
        return ConfigLoader.create().load(file).config().orElseThrow();
    }
}
