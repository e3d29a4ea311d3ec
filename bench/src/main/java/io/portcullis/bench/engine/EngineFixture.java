package io.portcullis.bench.engine;

import io.portcullis.config.PortcullisConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads each scale's synthetic configuration once per JVM (validation of the large one takes seconds). */
final class EngineFixture {

    private static final Map<Integer, PortcullisConfig> CONFIGS = new ConcurrentHashMap<>();

    private EngineFixture() {}

    static PortcullisConfig config(int groups) {
        return CONFIGS.computeIfAbsent(groups, g -> SyntheticConfig.load(SyntheticConfig.Scale.of(g)));
    }
}
