package io.portcullis.analysis.review;

import io.portcullis.config.Api;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Snapshot;
import io.portcullis.engine.SourceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a membership grants, asked of the engine ({@link Explainer#check}, the decision the gateway's guard makes)
 * on each API's listen port over TCP at one instant; nothing here matches rules itself.
 *
 * <ul>
 *   <li>workload W in group G: the APIs W is admitted to that a member of G is admitted to (a
 *       {@code check group:G}): access W reaches and G gives;
 *   <li>group M included in group G: the APIs a member of G is admitted to, which members of M get through the
 *       inclusion.
 * </ul>
 *
 * An API W also reaches by another path (its address, another group) is still listed: the sheet says what the
 * membership gives; {@code review apply} computes what removing it takes away, on the two compiled plans.
 * Design: one check per (workload, API) and per (group, API), cached; a review asks each once.
 */
final class Grants {

    private static final int TCP = 6;

    private final Explainer explainer;
    private final List<String> apis;
    private final Instant at;
    private final Map<String, List<String>> byWorkload = new HashMap<>();
    private final Map<String, List<String>> byGroup = new HashMap<>();

    Grants(Snapshot snapshot, Instant at) {
        this.explainer = new Explainer(snapshot);
        this.apis = snapshot.config().apis().stream().map(Api::name).sorted().toList();
        this.at = at;
    }

    /** The API names the membership grants, sorted. */
    List<String> of(Membership m) {
        List<String> group = group(m.group());
        if (m.kind() == Membership.Kind.GROUP) {
            return group;
        }
        List<String> workload = byWorkload.computeIfAbsent(m.member(),
                w -> admitted(new SourceSpec.OfWorkload(w)));
        return workload.stream().filter(group::contains).toList();
    }

    private List<String> group(String key) {
        return byGroup.computeIfAbsent(key, k -> {
            int slash = k.indexOf('/');
            return admitted(new SourceSpec.OfGroup(k.substring(0, slash), k.substring(slash + 1)));
        });
    }

    private List<String> admitted(SourceSpec source) {
        List<String> out = new ArrayList<>();
        for (String api : apis) {
            if (explainer.check(source, api, TCP, null, at).decision().allowed()) {
                out.add(api);
            }
        }
        return List.copyOf(out);
    }
}
