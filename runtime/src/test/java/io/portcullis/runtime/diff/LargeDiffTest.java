package io.portcullis.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortRange;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.Workload;
import io.portcullis.config.node.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A diff of a 10,000-group configuration against the same with one rule added lists that rule's effect and nothing
 * else (how long it takes is measured by the bench module's DiffHarness, docs/benchmarks.md).
 */
class LargeDiffTest {

    static final String ACCOUNT = "111111111111";
    static final int GROUPS = 10_000;

    @Test
    void oneRuleAddedToATenThousandGroupEstateListsOnlyThatRulesEffect() {
        PortcullisConfig before = estate(false);
        PortcullisConfig after = estate(true);
        PlanDiff diff = PlanDiff.of(DiffProperties.side(before), DiffProperties.side(after), DiffProperties.AT);
        assertThat(diff.apis()).hasSize(1);
        ApiDiff api = diff.apis().get(0);
        assertThat(api.id()).isEqualTo("api-0");
        assertThat(api.lost()).isEmpty();
        assertThat(api.policy()).isEmpty();
        assertThat(api.identity()).isEmpty();
        assertThat(api.limits()).isEmpty();
        assertThat(api.gained()).singleElement().satisfies(c -> {
            assertThat(c.sourceKind()).isEqualTo("workload");
            assertThat(c.sources()).containsExactly("w-9999");
            assertThat(c.after()).isEqualTo(ACCOUNT + "/sg-api-0 ingress[100]");
            assertThat(c.before()).isEqualTo("not admitted");
            assertThat(c.window()).isEqualTo("always");
            assertThat(c.port()).isEqualTo(8443);
        });
    }

    /**
     * 10,000 groups {@code sg-N} in one VPC, one workload in each, ten APIs each admitting 100 of the groups; with
     * {@code changed}, API 0 also admits the last group.
     */
    static PortcullisConfig estate(boolean changed) {
        List<SecurityGroup> groups = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        List<Api> apis = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            List<IngressRule> rules = new ArrayList<>();
            for (int g = a * 100; g < a * 100 + 100; g++) {
                rules.add(rule("sg-" + g));
            }
            if (changed && a == 0) {
                rules.add(rule("sg-" + (GROUPS - 1)));
            }
            groups.add(group("sg-api-" + a, rules));
            apis.add(new Api("api-" + a, ACCOUNT, "vpc-big", "0.0.0.0", 8443 + a, List.of(new GroupRef(ACCOUNT, "sg-api-" + a))));
        }
        for (int g = 0; g < GROUPS; g++) {
            groups.add(group("sg-" + g, List.of()));
            workloads.add(new Workload("w-" + g, ACCOUNT, "vpc-big", List.of("10." + (g >> 16) + "." + ((g >> 8) & 255) + "."
                    + (g & 255)), List.of(new GroupRef(ACCOUNT, "sg-" + g)), Map.of()));
        }
        return new PortcullisConfig(List.of(new Account(ACCOUNT, "big")),
                List.of(new Vpc("vpc-big", ACCOUNT, List.of("10.0.0.0/8"), "us-east-1", Map.of())), List.of(), List.of(),
                List.of(), groups, workloads, List.of(), apis, List.of(), NodeConfig.NONE);
    }

    private static IngressRule rule(String group) {
        return new IngressRule(Protocol.TCP, new PortRange(8443, 8452), new Peer.Group(new GroupRef(ACCOUNT, group)),
                Optional.empty(), Optional.empty(), "");
    }

    private static SecurityGroup group(String id, List<IngressRule> rules) {
        return new SecurityGroup(id, ACCOUNT, "vpc-big", "", "", Map.of(), rules, List.of(), List.of());
    }
}
