package io.portcullis.site.map;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SourceMap;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Snapshot;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.site.internal.Facts;
import io.portcullis.site.internal.MapModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The reachability map of a compiled plan, for the living docs ({@code map.html}) and the console: a JSON model of
 * the groups, APIs, partners and address sources with the references between them (each edge with the rules that
 * make it, each API with who can reach it, as {@code who-can-reach} and {@code check} answer), and the renderer
 * that draws it. Nothing is decided here: the answers are the engine's ({@code Explainer}) and the facts are those
 * the living docs' pages show. The model's fields are documented in docs/living-docs.md#the-reachability-map.
 *
 * <p>The renderer is {@value #RENDERER}{@code reachmap.js} and {@code reachmap.css} on the classpath (no library,
 * nothing from the network). A page includes both and either an element
 * {@code <div data-reachmap data-global="PORTCULLIS_MAP">} (the model assigned to that global by a script) or
 * {@code <div data-reachmap data-src="map.json">} (fetched), or calls {@code PortcullisReachMap.mount(element, model)}.
 * The filters and the selection are kept in the page's URL fragment.
 */
public final class ReachabilityMap {

    /** The classpath folder of the renderer's files, {@link #RENDERER_FILES}. */
    public static final String RENDERER = "/io/portcullis/site/map/";

    /** The renderer's files under {@link #RENDERER}: the script and its stylesheet. */
    public static final List<String> RENDERER_FILES = List.of("reachmap.js", "reachmap.css");

    private ReachabilityMap() {}

    /** The model of {@code plan} with network reach evaluated at {@code at} (schedules, expiries), as JSON. */
    public static String of(Plan plan, Instant at) {
        requireNonNull(plan, "plan");
        return of(plan.config(), plan.engine().snapshot(), plan.sources(), plan.digest().toString(), at);
    }

    /**
     * The model of {@code config} as compiled into {@code snapshot}, as JSON; {@code sources} (null: none) places each
     * group, rule, API and partner at the file, line and column it was written.
     */
    public static String of(PortcullisConfig config, Snapshot snapshot, SourceMap sources, String digest, Instant at) {
        requireNonNull(config, "config");
        requireNonNull(snapshot, "snapshot");
        requireNonNull(digest, "digest");
        requireNonNull(at, "at");
        return MapModel.json(new Facts(config, new Explainer(snapshot), Map.of(), at), digest, sources);
    }

    /** The bytes of one of {@link #RENDERER_FILES}. */
    public static byte[] renderer(String file) {
        if (!RENDERER_FILES.contains(requireNonNull(file, "file"))) {
            throw new IllegalArgumentException("renderer file: " + file + " (expected one of: " + RENDERER_FILES + ")");
        }
        try (InputStream in = ReachabilityMap.class.getResourceAsStream(RENDERER + file)) {
            if (in == null) {
                throw new IllegalStateException("renderer file " + file + " missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
