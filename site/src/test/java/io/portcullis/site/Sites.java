package io.portcullis.site;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SourceMap;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.engine.AccessEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the site's tests share: examples/trading, the AWS estate of the who-can-invoke tests (runtime's
 * src/test/resources/reach: API Gateway private APIs behind execute-api endpoints of three accounts), the instant
 * they are documented at, and writing a site.
 */
final class Sites {

    static final Path TRADING = Path.of("..", "examples", "trading");
    static final Path AWS = Path.of("..", "runtime", "src", "test", "resources", "reach");
    static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");

    private Sites() {}

    static PortcullisConfig trading() {
        return ConfigLoader.create().load(TRADING).orThrow();
    }

    static PortcullisConfig aws() {
        return ConfigLoader.create().load(AWS).orThrow();
    }

    /** Where examples/trading's elements are written (its files, lines and columns). */
    static SourceMap tradingSources() {
        return ConfigLoader.create().load(TRADING).sources();
    }

    /** Writes the site of {@code config} at {@link #AT}; SVG through {@code dot} when {@code svg}. */
    static LivingDocs.Result write(PortcullisConfig config, Path out, boolean svg) throws IOException {
        return write(config, null, out, svg);
    }

    /** As {@link #write(PortcullisConfig, Path, boolean)}, the map placing elements by {@code sources} (null: not placed). */
    static LivingDocs.Result write(PortcullisConfig config, SourceMap sources, Path out, boolean svg) throws IOException {
        LivingDocs.Builder b = LivingDocs.builder(config, AccessEngine.compile(config).snapshot())
                .planDigest(PlanDigest.of(config).toString()).at(AT);
        if (sources != null) {
            b.sources(sources);
        }
        if (svg) {
            b.graphviz("dot");
        }
        return b.build().write(out);
    }
}
