package io.portcullis.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.AwsApi;
import io.portcullis.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder layouts people already have give the same estate: CloudMapper's account-data/NAME/REGION (account
 * named by its folder, get-stages in a parameter folder), a flat folder of arbitrary names (region from
 * availability zones, the REST API's account from its neighbours), and Batfish's aws_configs/accounts/ID/REGION.
 */
class LayoutsTest {

    @TempDir
    Path out;

    @Test
    void cloudMapperNamesTheAccountAndRegionByFolder() {
        Imports.Written w = Imports.importAndCompile(Imports.resource("cloudmapper"), out);
        assertThat(w.config().accounts()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("444444444444");
            assertThat(a.name()).isEqualTo("prod");
        });
        AwsApi api = w.config().awsApis().get(0);
        assertThat(api.region()).isEqualTo("eu-west-1");
        assertThat(api.account()).isEqualTo("444444444444");
        assertThat(api.stages()).containsExactly("v1");
        assertThat(w.config().vpcs().get(0).region()).isEqualTo("eu-west-1");
        assertThat(w.reportLines()).contains(
                "not represented|route table rtb-0e1|account-data/prod/eu-west-1/ec2-describe-route-tables.json#/RouteTables/0",
                "ignored|file account-data/prod/eu-west-1/iam-get-account-summary.json|account-data/prod/eu-west-1/iam-get-account-summary.json#");
    }

    @Test
    void aFlatFolderIsReadByTopLevelKeys(@TempDir Path other) throws IOException {
        Imports.Written w = Imports.importAndCompile(Imports.resource("flat"), out);
        Imports.Written cm = Imports.importAndCompile(Imports.resource("cloudmapper"), other);
        AwsApi api = w.config().awsApis().get(0);
        assertThat(api.account()).isEqualTo("444444444444");
        assertThat(api.region()).as("from eu-west-1b of the interfaces beside it").isEqualTo("eu-west-1");
        assertThat(api.stages()).as("from x1y2z3w4v5/get-stages.json").containsExactly("v1");
        assertThat(Files.readString(out.resolve("40-security-groups.yaml")).replaceAll("#.*\n", ""))
                .isEqualTo(Files.readString(other.resolve("40-security-groups.yaml")).replaceAll("#.*\n", ""));
        assertThat(w.config().securityGroups()).isEqualTo(cm.config().securityGroups());
        assertThat(w.config().workloads()).isEqualTo(cm.config().workloads());
    }

    @Test
    void batfishMultiAccountFoldersGiveTheRegionFolderTheirAccount(@TempDir Path export) throws IOException {
        Path region = export.resolve("aws_configs/accounts/118292266645/us-west-2");
        Files.createDirectories(region);
        try (Stream<Path> s = Files.list(TestData.path(BatfishExportTest.EXPORT))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.copy(f, region.resolve(f.getFileName()));
            }
        }
        Imports.Written w = Imports.importAndCompile(export, out);
        assertThat(w.config().securityGroups()).hasSize(12);
        assertThat(w.config().workloads()).hasSize(9);
        assertThat(w.config().vpcs()).allSatisfy(v -> assertThat(v.region()).isEqualTo("us-west-2"));
        assertThat(w.reportLines()).contains("inferred|account of VPC vpc-b390fad5|aws_configs/accounts/118292266645/us-west-2/Vpcs.json#/Vpcs/0/OwnerId");
    }
}
