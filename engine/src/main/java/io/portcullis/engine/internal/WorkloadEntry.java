package io.portcullis.engine.internal;

import java.util.List;

/**
 * A workload as the hot path needs it: its effective groups as sorted group indexes (direct groups plus every
 * group that includes them), and the names for building a {@code Source}.
 */
public record WorkloadEntry(String id, String account, int vpc, int[] effectiveGroups, List<String> effectiveGroupKeys) {}
