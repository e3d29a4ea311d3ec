package io.portcullis.analysis.findings;

import io.portcullis.config.IngressRule;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Problem;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.SourceMap;

/**
 * Makes the {@link Resource} of each element of the configuration: its stable key (by ids and content), its path,
 * the file, line and column where it was written ({@link SourceMap}, as {@code validate} places problems) and,
 * for an imported configuration, the AWS CLI file and JSON pointer it came from.
 */
final class Places {

    private final PortcullisConfig config;
    private final SourceMap sources;
    private final ImportSources imported;

    Places(PortcullisConfig config, SourceMap sources, ImportSources imported) {
        this.config = config;
        this.sources = sources;
        this.imported = imported;
    }

    Resource api(int i) {
        return place("apis(" + config.apis().get(i).name() + ")", "apis[" + i + "]");
    }

    Resource awsApi(int i) {
        return place("awsApis(" + config.awsApis().get(i).id() + ")", "awsApis[" + i + "]");
    }

    Resource group(int g) {
        return place("securityGroups(" + config.securityGroups().get(g).key() + ")", "securityGroups[" + g + "]");
    }

    /** A rule's key names its content; identical rules of a group are told apart by their order ({@code #2}). */
    Resource rule(int g, int r) {
        SecurityGroup sg = config.securityGroups().get(g);
        String content = content(sg.ingress().get(r));
        int same = 0;
        for (int i = 0; i <= r; i++) {
            if (content(sg.ingress().get(i)).equals(content)) {
                same++;
            }
        }
        return place("securityGroups(" + sg.key() + ").ingress(" + content + (same > 1 ? "#" + same : "") + ")",
                "securityGroups[" + g + "].ingress[" + r + "]");
    }

    Resource vpc(int i) {
        return place("vpcs(" + config.vpcs().get(i).id() + ")", "vpcs[" + i + "]");
    }

    Resource endpoint(int i) {
        return place("vpcEndpoints(" + config.vpcEndpoints().get(i).id() + ")", "vpcEndpoints[" + i + "]");
    }

    Resource workload(int i) {
        return place("workloads(" + config.workloads().get(i).id() + ")", "workloads[" + i + "]");
    }

    /**
     * Records where every security group was written, ahead of the checks that cite them: the first place asked
     * in a file reads its text again for the positions (see {@code SourceMap}), which is then done beside other work.
     */
    void groups() {
        for (int g = 0; g < config.securityGroups().size(); g++) {
            sources.problem(Problem.Severity.WARNING, "securityGroups[" + g + "]", "");
        }
    }

    /**
     * Where {@code path} was written, as evidence reads it: {@code FILE:LINE:COLUMN: NAMED}; for a configuration
     * held without its text (no line: {@code analyze --aws}), the AWS CLI file and pointer it was imported from,
     * {@code FILE#POINTER: NAMED}, when there is one.
     */
    String where(String path) {
        Resource r = place("", path);
        if (r.line() == 0 && !r.imported().isEmpty()) {
            Resource.ImportSource from = r.imported().get(0);
            return from.file() + "#" + from.pointer() + ": " + r.named();
        }
        return r.where();
    }

    private static String content(IngressRule r) {
        return r.protocolAndPorts() + " from " + r.from();
    }

    private Resource place(String key, String path) {
        Problem p = sources.problem(Problem.Severity.WARNING, path, "");
        String named = p.named().isEmpty() ? path : p.named();
        return new Resource(key, path, p.file(), p.line(), p.column(), named,
                imported.find(p.file(), p.path(), p.named()));
    }
}
