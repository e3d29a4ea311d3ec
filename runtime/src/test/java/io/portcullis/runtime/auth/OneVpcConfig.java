package io.portcullis.runtime.auth;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** A valid configuration of one account, one VPC and its API group, with the given YAML items under {@code apis}. */
final class OneVpcConfig {

    private OneVpcConfig() {}

    /** Writes the configuration into {@code dir} and loads it; fails the test if it does not load. */
    static PortcullisConfig withApis(Path dir, String apis) throws Exception {
        Path file = dir.resolve("apis.yaml");
        Files.writeString(file, """
                accounts: [{id: "111111111111", name: a}]
                vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
                securityGroups: [{id: sg-api, account: "111111111111", vpc: vpc-a}]
                apis:
                """ + apis);
        return ConfigLoader.create().load(file).config().orElseThrow();
    }
}
