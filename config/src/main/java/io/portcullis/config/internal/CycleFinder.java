package io.portcullis.config.internal;

import io.portcullis.config.GroupRef;
import io.portcullis.config.SecurityGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Finds cycles in {@code includes} and in {@code extends}, reporting each cycle once with its full path. */
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
        for (Located<SecurityGroup> g : groups) {
            dfs(g.value().key(), byKey, edges, new ArrayList<>(), done, reported, field);
        }
    }

    private void dfs(String key, Map<String, Located<SecurityGroup>> byKey, Function<SecurityGroup, List<GroupRef>> edges,
                     List<String> stack, Set<String> done, Set<Set<String>> reported, String field) {
        int at = stack.indexOf(key);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
            if (reported.add(new HashSet<>(cycle))) {
                cycle.add(key);
                problems.error(byKey.get(key).where().child("." + field), "cycle: " + String.join(" → ", cycle)
                        + " (expected: " + field + " without cycles)");
            }
            return;
        }
        Located<SecurityGroup> g = byKey.get(key);
        if (g == null || done.contains(key)) {
            return;
        }
        stack.add(key);
        for (GroupRef next : edges.apply(g.value())) {
            dfs(next.key(), byKey, edges, stack, done, reported, field);
        }
        stack.remove(stack.size() - 1);
        done.add(key);
    }
}
