package io.portcullis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.engine.reference.Genes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The workload index behaves as a map from (VPC, family, address) to workload through inserts, moves, removals,
 * table growth (it starts tiny here) and pool growth, and a group set read through the hot path
 * ({@link WorkloadIndex#groupSetAt} then {@link WorkloadIndex#pool()}) is always the entry's own groups.
 */
class WorkloadIndexProperties {

    @Provide
    Arbitrary<List<Integer>> genes() {
        return Arbitraries.integers().between(0, 1 << 16).list().ofMinSize(50).ofMaxSize(2000);
    }

    private record Key(int vpc, int family, long hi, long lo) {}

    @Property(tries = 200)
    void actsAsAMap(@ForAll("genes") List<Integer> genes) {
        Genes g = new Genes(genes);
        WorkloadIndex index = new WorkloadIndex(1 + g.next(4));
        Map<Key, WorkloadEntry> model = new HashMap<>();
        Key[] keys = new Key[1 + g.next(300)];
        for (int i = 0; i < keys.length; i++) {
            int family = g.oneIn(4) ? 6 : 4;
            // IPv4 and IPv6 keys share (vpc, hi, lo) values on purpose: the family must tell them apart
            keys[i] = new Key(g.next(3), family, family == 6 && g.oneIn(2) ? 0xFD00_0000_0000_0000L : 0, g.next(64));
        }
        for (int step = 0, n = g.next(600); step < n; step++) {
            Key k = keys[g.next(keys.length)];
            WorkloadEntry e = g.oneIn(4) ? null : entry(index, g, "w" + step);
            index.put(k.vpc, k.family, k.hi, k.lo, e);
            if (e == null) {
                model.remove(k);
            } else {
                model.put(k, e);
            }
        }
        for (Key k : keys) {
            WorkloadEntry expected = model.get(k);
            assertThat(index.get(k.vpc, k.family, k.hi, k.lo)).as("%s", k).isSameAs(expected);
            int set = index.groupSetAt(k.vpc, k.family, k.hi, k.lo);
            if (expected == null) {
                assertThat(set).as("%s", k).isEqualTo(-1);
            } else {
                assertThat(groups(index.pool(), set)).as("%s", k).containsExactly(expected.effectiveGroups());
            }
        }
        assertThat(index.get(9, 4, 0, 1 << 20)).isNull();
    }

    @Test
    void equalGroupSetsAreInternedOnce() {
        WorkloadIndex index = new WorkloadIndex(4);
        WorkloadIndex.GroupSet a = index.groupSet(new int[] {1, 5, 9}, g -> "g" + g);
        WorkloadIndex.GroupSet b = index.groupSet(new int[] {1, 5, 9}, g -> "g" + g);
        WorkloadIndex.GroupSet c = index.groupSet(new int[] {1, 5}, g -> "g" + g);
        assertThat(b).isSameAs(a);
        assertThat(c.offset()).isNotEqualTo(a.offset());
        assertThat(a.keys()).containsExactly("g1", "g5", "g9");
        assertThat(groups(index.pool(), c.offset())).containsExactly(1, 5);
    }

    /** A reader on another thread sees a move through the hot path: the writer waits for it, never a timeout. */
    @Test
    void aMoveIsSeenByAReaderSpinningOnTheHotPath() throws InterruptedException {
        WorkloadIndex index = new WorkloadIndex(1);
        WorkloadEntry before = new WorkloadEntry("w", "a", 0, new int[] {1}, List.of(), index.groupSet(new int[] {1}, g -> "g").offset());
        index.put(0, 4, 0, 7, before);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<int[]> seen = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            started.countDown();
            int[] groups;
            do {
                int set = index.groupSetAt(0, 4, 0, 7);
                groups = groups(index.pool(), set);
            } while (groups.length == 1);
            seen.set(groups);
        });
        reader.start();
        started.await();
        for (int i = 0; i < 200; i++) { // grows the pool and the table while the reader spins
            index.groupSet(new int[] {100 + i, 200 + i, 300 + i}, g -> "g");
            index.put(1, 4, 0, i, before);
        }
        int[] after = {2, 3, 4};
        index.put(0, 4, 0, 7, new WorkloadEntry("w", "a", 0, after, List.of(), index.groupSet(after, g -> "g").offset()));
        reader.join();
        assertThat(seen.get()).containsExactly(2, 3, 4);
    }

    private static WorkloadEntry entry(WorkloadIndex index, Genes g, String id) {
        TreeSet<Integer> groups = new TreeSet<>();
        for (int i = 0, n = 1 + g.next(6); i < n; i++) {
            groups.add(g.next(40));
        }
        int[] sorted = groups.stream().mapToInt(Integer::intValue).toArray();
        WorkloadIndex.GroupSet set = index.groupSet(sorted, x -> "g" + x);
        return new WorkloadEntry(id, "111111111111", 0, set.groups(), set.keys(), set.offset());
    }

    private static int[] groups(int[] pool, int set) {
        return Arrays.copyOfRange(pool, set + 1, set + 1 + pool[set]);
    }
}
