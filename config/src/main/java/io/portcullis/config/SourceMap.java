package io.portcullis.config;

import io.portcullis.config.internal.Draft;
import io.portcullis.config.internal.Located;
import io.portcullis.config.internal.Problems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each element of a loaded configuration was written, so that problems found after loading (a key file
 * that cannot be read, a policy that does not compile, a listener that clashes) are reported in the same form
 * as the loader's own: a path of the merged configuration ({@code apis[3].auth.jwt.jwks}, the fourth API of all
 * files) becomes the file, line and column it came from and its path in that file ({@code apis[1](orders)...}).
 */
public final class SourceMap {

    /** {@code section[index]} then the rest of the path. */
    private static final Pattern ELEMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\[(\\d+)](.*)");
    /** A configuration path, then {@code ": "} and the message. */
    private static final Pattern PATH_AND_MESSAGE = Pattern.compile(
            "([A-Za-z][A-Za-z0-9]*(?:\\[\\d+])?(?:\\.[A-Za-z][A-Za-z0-9]*(?:\\[\\d+])?)*): (.*)", Pattern.DOTALL);

    static final SourceMap EMPTY = new SourceMap(Map.of(), new Problems(), "");

    private final Map<String, Problems.Where> elements;
    private final Problems placement;
    private final String single;

    private SourceMap(Map<String, Problems.Where> elements, Problems placement, String single) {
        this.elements = elements;
        this.placement = placement;
        this.single = single;
    }

    static SourceMap of(Draft draft, Problems placement, String single) {
        Map<String, Problems.Where> elements = new HashMap<>();
        put(elements, "accounts", draft.accounts);
        put(elements, "vpcs", draft.vpcs);
        put(elements, "connections", draft.connections);
        put(elements, "vpcEndpoints", draft.vpcEndpoints);
        put(elements, "prefixLists", draft.prefixLists);
        put(elements, "securityGroups", draft.securityGroups);
        put(elements, "workloads", draft.workloads);
        put(elements, "partners", draft.partners);
        put(elements, "apis", draft.apis);
        put(elements, "awsApis", draft.awsApis);
        put(elements, "threatFeeds", draft.threatFeeds);
        for (Located<?> node : new Located<?>[] {draft.audit, draft.accessLog, draft.admin, draft.alerts, draft.autoBlock, draft.geo,
                draft.changeControl, draft.assurance, draft.cluster}) {
            if (node != null) {
                elements.put(node.where().path(), node.where());
            }
        }
        return new SourceMap(Map.copyOf(elements), placement, single);
    }

    private static void put(Map<String, Problems.Where> into, String section, List<? extends Located<?>> list) {
        for (int i = 0; i < list.size(); i++) {
            into.put(section + "[" + i + "]", list.get(i).where());
        }
    }

    /** The problem at {@code path} of the merged configuration, placed in the file it came from. */
    public Problem problem(Problem.Severity severity, String path, String message) {
        Matcher m = ELEMENT.matcher(path);
        Problems.Where where = m.matches() ? elements.get(m.group(1) + "[" + m.group(2) + "]") : null;
        if (where != null) {
            return placement.placed(severity, where.file(), where.path() + m.group(3), message);
        }
        int dot = path.indexOf('.');
        where = elements.get(dot < 0 ? path : path.substring(0, dot));
        if (where != null) {
            return placement.placed(severity, where.file(), path, message);
        }
        return placement.placed(severity, single, path, message);
    }

    /**
     * A finding written as {@code PATH: message} (the form the runtime's checks report in), placed like
     * {@link #problem}; a finding that starts with no configuration path is not placed.
     */
    public Problem parse(Problem.Severity severity, String finding) {
        Matcher m = PATH_AND_MESSAGE.matcher(finding);
        return m.matches() ? problem(severity, m.group(1), m.group(2)) : Problem.unplaced(severity, finding);
    }
}
