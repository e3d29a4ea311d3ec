package io.portcullis.bench.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.estate.AwsImport;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated estate is the same for the same seed, imports without a problem and validates, at its sizes. */
class EstateGeneratorTest {

    private static final EstateGenerator.Sizes SIZES = new EstateGenerator.Sizes(3, 2, 60, 300, 9);

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOthers(@TempDir Path a, @TempDir Path b, @TempDir Path c) throws IOException {
        new EstateGenerator(SIZES, 7).write(a);
        new EstateGenerator(SIZES, 7).write(b);
        new EstateGenerator(SIZES, 8).write(c);
        List<Path> files = files(a);
        assertThat(files).isEqualTo(files(b));
        boolean differs = false;
        for (Path f : files) {
            assertThat(Files.readString(b.resolve(f))).isEqualTo(Files.readString(a.resolve(f)));
            differs |= !Files.readString(c.resolve(f)).equals(Files.readString(a.resolve(f)));
        }
        assertThat(differs).isTrue();
    }

    @Test
    void aGeneratedEstateImportsAndValidatesAtItsSizes(@TempDir Path export, @TempDir Path out) throws IOException {
        new EstateGenerator(SIZES, 7).write(export);
        AwsImport imported = AwsImport.read(export);
        assertThat(imported.problems()).isEmpty();
        imported.write(out, false);
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation compiled = compiler.compile(List.of(out));
            assertThat(compiled.errorLines()).isEmpty();
            PortcullisConfig config = compiled.plan().orElseThrow().config();
            assertThat(config.accounts()).hasSize(3);
            assertThat(config.vpcs()).hasSize(6);
            assertThat(config.securityGroups()).hasSize(60);
            assertThat(config.workloads()).hasSize(300);
            assertThat(config.awsApis()).hasSize(9).allSatisfy(api -> assertThat(api.resourcePolicy()).isPresent());
            assertThat(config.vpcEndpoints()).hasSize(6).allSatisfy(e -> assertThat(e.executeApi()).isTrue());
            // 5 peerings (each VPC with the next) and one transit gateway of the accounts' first VPCs.
            assertThat(config.connections()).hasSize(6);
            assertThat(config.securityGroups().stream().anyMatch(g -> g.ingress().stream()
                    .anyMatch(r -> r.from() instanceof io.portcullis.config.Peer.Group pg && !pg.group().account().equals(g.account()))))
                    .as("cross-account group references").isTrue();
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
