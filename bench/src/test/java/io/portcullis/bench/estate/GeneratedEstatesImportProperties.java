package io.portcullis.bench.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.estate.AwsImport;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For generated estates of any seed and size: the import reads them without a problem, validate accepts what it
 * writes, every group and interface of the export is in the configuration, and every item written is traced to
 * a pointer that names that item's id in its source file.
 */
class GeneratedEstatesImportProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 8)
    void everyGeneratedEstateImportsWholeAndTraced(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int accounts,
                                                   @ForAll @IntRange(min = 1, max = 3) int vpcs, @ForAll @IntRange(min = 0, max = 40) int extraGroups,
                                                   @ForAll @IntRange(min = 0, max = 120) int interfaces, @ForAll @IntRange(min = 0, max = 6) int apis)
            throws IOException {
        int groups = accounts * vpcs + extraGroups;
        Path export = Files.createTempDirectory("estate");
        Path out = Files.createTempDirectory("config");
        new EstateGenerator(new EstateGenerator.Sizes(accounts, vpcs, groups, interfaces, apis), seed).write(export);
        AwsImport imported = AwsImport.read(export);
        assertThat(imported.problems()).isEmpty();
        imported.write(out, false);
        PortcullisConfig config;
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation compiled = compiler.compile(List.of(out));
            assertThat(compiled.errorLines()).isEmpty();
            config = compiled.plan().orElseThrow().config();
        }
        assertThat(config.securityGroups()).hasSize(groups);
        assertThat(config.workloads()).hasSize(interfaces);
        assertThat(config.awsApis()).hasSize(apis);
        Set<String> checked = new HashSet<>();
        for (JsonNode item : JSON.readTree(out.resolve("import-sources.json").toFile()).get("items")) {
            String path = item.get("path").asText();
            JsonNode source = item.get("sources").get(0);
            JsonNode element = JSON.readTree(export.resolve(source.get("file").asText()).toFile()).at(source.get("pointer").asText());
            assertThat(element.isMissingNode()).as(path).isFalse();
            int open = path.lastIndexOf('(');
            if (open > 0 && path.endsWith(")") && !path.startsWith("accounts")) {
                assertThat(element.toString()).as(path).contains("\"" + path.substring(open + 1, path.length() - 1) + "\"");
            }
            checked.add(path);
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(groups + interfaces + apis);
        delete(export);
        delete(out);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
