package io.portcullis.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/trading written another way diffs empty: every YAML file re-written by a YAML library (block style, other
 * quoting, no comments), the security groups split over two files, and every list of groups, rules and workloads
 * reversed. The same files with one rule removed do not.
 */
class EquivalentRewritesTest {

    @TempDir
    Path dir;

    @Test
    void reformattedSplitAndReorderedDiffsEmptyAndOneRuleLessDoesNot() throws IOException {
        Path original = Path.of("../examples/trading");
        Path rewritten = dir.resolve("rewritten");
        copy(original, rewritten);
        YAMLMapper yaml = new YAMLMapper();
        JsonNode groups = yaml.readTree(rewritten.resolve("groups.yaml").toFile());
        List<JsonNode> all = new ArrayList<>();
        groups.get("securityGroups").forEach(g -> {
            ArrayNode ingress = (ArrayNode) g.get("ingress");
            if (ingress != null) {
                List<JsonNode> rules = new ArrayList<>();
                ingress.forEach(rules::add);
                Collections.reverse(rules);
                ingress.removeAll().addAll(rules);
            }
            all.add(g);
        });
        Collections.reverse(all);
        Files.delete(rewritten.resolve("groups.yaml"));
        int half = all.size() / 2;
        for (int part = 0; part < 2; part++) {
            ObjectNode file = yaml.createObjectNode();
            file.putArray("securityGroups").addAll(part == 0 ? all.subList(0, half) : all.subList(half, all.size()));
            yaml.writeValue(rewritten.resolve("groups-" + part + ".yaml").toFile(), file);
        }
        for (String name : List.of("apis.yaml", "network.yaml", "workloads.yaml")) {
            JsonNode tree = yaml.readTree(rewritten.resolve(name).toFile());
            if (tree.has("workloads")) {
                List<JsonNode> w = new ArrayList<>();
                tree.get("workloads").forEach(w::add);
                Collections.reverse(w);
                ((ArrayNode) tree.get("workloads")).removeAll().addAll(w);
            }
            yaml.writeValue(rewritten.resolve(name).toFile(), tree);
        }
        assertThat(Files.readString(rewritten.resolve("network.yaml"))).doesNotContain("#").startsWith("---");

        try (PlanCompiler compiler = PlanCompiler.create()) {
            Plan before = plan(compiler, original);
            Plan after = plan(compiler, rewritten);
            assertThat(PlanDiff.of(before, after, DiffProperties.AT).apis()).isEmpty();

            Path lessOne = dir.resolve("less-one");
            copy(original, lessOne);
            Path g = lessOne.resolve("groups.yaml");
            Files.writeString(g, Files.readString(g).replace(
                    "      - { protocol: tcp, ports: 9443, from: { group: sg-analysts }, description: analysts }\n", ""));
            PlanDiff diff = PlanDiff.of(before, plan(compiler, lessOne), DiffProperties.AT);
            assertThat(diff.apis()).extracting(ApiDiff::id).containsExactly("analytics");
            assertThat(diff.apis().get(0).lost()).extracting(AccessChange::sources).containsExactly(List.of("analyst-1"));
            assertThat(diff.apis().get(0).gained()).isEmpty();
        }
    }

    private static Plan plan(PlanCompiler compiler, Path dir) {
        Compilation c = compiler.compile(List.of(dir));
        assertThat(c.errors()).isEmpty();
        compiler.discard(c.plan().orElseThrow());
        return c.plan().orElseThrow();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
