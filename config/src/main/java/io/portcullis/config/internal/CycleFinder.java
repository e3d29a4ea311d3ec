package io.portcullis.config.internal;

import io.portcullis.config.GroupRef;
import io.portcullis.config.SecurityGroup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds cycles in {@code includes} and in {@code extends}, reporting each cycle once with its full path.
 * Iterative depth-first search (an explicit stack), so an arbitrarily deep chain cannot overflow the thread
 * stack; linear in groups plus references.
 */
final class CycleFinder {

    private final List<Located<SecurityGroup>> groups;
    private final Problems problems;

    CycleFinder(List<Located<SecurityGroup>> groups, Problems problems) {
        this.groups = groups;
        this.problems = problems;
    }

    void check() {
        find("includes", SecurityGroup::includes);
        find("extends", SecurityGroup::extendsGroups);
    }

    private void find(String field, Function<SecurityGroup, List<GroupRef>> edges) {
        Map<String, Located<SecurityGroup>> byKey = new HashMap<>();
        groups.forEach(g -> byKey.putIfAbsent(g.value().key(), g));
        Set<String> done = new HashSet<>();
        Set<Set<String>> reported = new HashSet<>();
        for (Located<SecurityGroup> root : groups) {
            if (done.contains(root.value().key())) {
                continue;
            }
            List<String> path = new ArrayList<>();
            Map<String, Integer> onPath = new HashMap<>();
            Deque<int[]> cursor = new ArrayDeque<>(); // next edge index per path element
            path.add(root.value().key());
            onPath.put(root.value().key(), 0);
            cursor.push(new int[] {0});
            while (!path.isEmpty()) {
                String key = path.get(path.size() - 1);
                List<GroupRef> next = edges.apply(byKey.get(key).value());
                int[] at = cursor.peek();
                if (at[0] == next.size()) {
                    done.add(key);
                    onPath.remove(key);
                    path.remove(path.size() - 1);
                    cursor.pop();
                    continue;
                }
                String child = next.get(at[0]++).key();
                Integer pos = onPath.get(child);
                if (pos != null) {
                    report(path.subList(pos, path.size()), child, byKey, reported, field);
                } else if (byKey.containsKey(child) && !done.contains(child)) {
                    onPath.put(child, path.size());
                    path.add(child);
                    cursor.push(new int[] {0});
                }
            }
        }
    }

    private void report(List<String> loop, String back, Map<String, Located<SecurityGroup>> byKey,
                        Set<Set<String>> reported, String field) {
        if (reported.add(new HashSet<>(loop))) {
            List<String> cycle = new ArrayList<>(loop);
            cycle.add(back);
            problems.error(byKey.get(back).where().child("." + field), "cycle: " + String.join(" → ", cycle)
                    + " (expected: " + field + " without cycles)");
        }
    }
}
