package io.portcullis.engine.internal;

import java.util.List;

/**
 * A workload as the engine knows it: its effective groups as sorted group indexes (direct groups plus every
 * group that includes them) and their names for building a {@code Source}, both shared by every workload with
 * the same groups, and {@code groupSet}, the offset of those groups in the {@link WorkloadIndex} pool (what the
 * decision reads).
 */
public record WorkloadEntry(String id, String account, int vpc, int[] effectiveGroups, List<String> effectiveGroupKeys,
                            int groupSet) {}
