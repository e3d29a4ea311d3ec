package io.portcullis.cli.estate;

import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.access.ConfigFiles;
import io.portcullis.config.ConfigDocument;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.estate.AwsImport;
import io.portcullis.estate.map.ReportEntry;
import io.portcullis.runtime.plan.Beside;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis import aws DIR --out CONFIGDIR}: reads the AWS CLI's JSON (CloudMapper, Batfish or a flat
 * folder), writes the configuration, the sources and the report, and compiles what it wrote as {@code validate}
 * does (from the trees the files were rendered with, which read the same as the text: no YAML parse; beside the
 * writing). Exit 0
 * written and valid; 2 when the input cannot be read (every problem printed, nothing written) or the output does
 * not validate.
 */
@Command(name = "aws", mixinStandardHelpOptions = true,
        description = {"Read an AWS export (the JSON 'aws ... --output json' prints: describe-vpcs, -subnets, "
                + "-security-groups, -network-interfaces, -instances, -vpc-peering-connections, "
                + "-transit-gateway-(vpc-)attachments, -vpc-endpoints, -managed-prefix-lists, "
                + "get-managed-prefix-list-entries, apigateway get-rest-apis and get-stages) in CloudMapper's, "
                + "Batfish's or a flat layout, and write a configuration directory, import-sources.json (each item's "
                + "source file and JSON pointer) and import-report.md/.json (what is not represented).",
                "Exit codes: 0 written and valid, 2 input that cannot be read (nothing written) or an output that does not validate."})
public final class ImportAwsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the export folder (account-data/, aws_configs/, an account or region folder, or a flat folder)")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "CONFIGDIR", description = "the configuration directory to write (empty or new)")
    Path out;

    @Option(names = "--replace", description = "delete the YAML and import files of an earlier import in CONFIGDIR first")
    boolean replace;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        AwsImport imported = AwsImport.read(dir);
        if (!imported.problems().isEmpty()) {
            imported.problems().forEach(p -> err.println("error: " + p));
            err.println(imported.problems().size() + " input problem(s); nothing written");
            err.flush();
            return ExitCodes.INVALID;
        }
        // the files are staged beside the directory on a thread of their own while the compile reads the trees they
        // were rendered with (the text is read only to place a problem), and moved in only when both succeeded: a
        // failed write or a configuration that does not validate leaves the directory as it was
        imported.render();
        Beside<AwsImport.Staged> writing = Beside.start("import-writer", () -> imported.stage(out, replace));
        try (PlanCompiler compiler = PlanCompiler.create()) {
            List<ConfigDocument> written = imported.render().files().stream()
                    .map(d -> new ConfigDocument(out.resolve(d.file()).toString(), d.text(), d.tree())).toList();
            Compilation compiled = compiler.compileDocuments(written);
            AwsImport.Staged staged;
            try {
                staged = writing.join(IOException.class);
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCodes.INVALID;
            }
            if (compiled.plan().isEmpty()) {
                staged.discard();
                ConfigFiles.print(compiled.errors(), compiled.warnings(), err);
                err.println("the configuration written does not validate (a bug in the importer: please report it); nothing written");
                err.flush();
                return ExitCodes.INVALID;
            }
            List<Path> files;
            try {
                files = staged.commit();
            } catch (IOException e) {
                staged.discard();
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCodes.INVALID;
            }
            PortcullisConfig c = compiled.plan().get().config();
            compiler.discard(compiled.plan().get());
            stdout.printf("wrote %d file(s) to %s: %d accounts, %d VPCs, %d connections, %d prefix lists, %d security groups, "
                            + "%d workloads, %d VPC endpoints, %d AWS APIs; %d warning(s) from validate%n", files.size(), out,
                    c.accounts().size(), c.vpcs().size(), c.connections().size(), c.prefixLists().size(), c.securityGroups().size(),
                    c.workloads().size(), c.vpcEndpoints().size(), c.awsApis().size(), compiled.warnings().size());
            StringBuilder counts = new StringBuilder();
            for (ReportEntry.Category cat : ReportEntry.Category.values()) {
                counts.append(counts.length() == 0 ? "" : ", ").append(imported.config().report().count(cat)).append(' ').append(cat.label());
            }
            stdout.println("report (import-report.md): " + counts);
            stdout.println("plan " + compiled.plan().get().digest());
            stdout.flush();
            return ExitCodes.OK;
        }
    }
}
