package io.portcullis.analysis.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A generated configuration for membership reviews, in one VPC of one account: API {@code api-i} carries
 * {@code sg-api-i}, which admits its port from client group {@code sg-c-i}; {@code sg-c-i} includes some team
 * groups {@code sg-team-t}; each workload carries some client and team groups. Workloads are written with flow
 * lists ({@code groups: [a, b]}), inclusions with block lists, so both YAML forms are edited. The model here is
 * the test's own oracle: who reaches {@code api-i} is whoever carries {@code sg-c-i} or a team it includes.
 */
final class ReviewEstate {

    static final String ACCOUNT = "111111111111";

    final int apis;
    final int teams;
    /** workload index to its client groups (api indexes) and its teams. */
    final List<TreeSet<Integer>> clients = new ArrayList<>();
    final List<TreeSet<Integer>> teamsOf = new ArrayList<>();
    /** api index to the teams its client group includes. */
    final List<TreeSet<Integer>> includes = new ArrayList<>();

    ReviewEstate(long seed, int apis, int teams, int workloads) {
        Random r = new Random(seed);
        this.apis = apis;
        this.teams = teams;
        for (int i = 0; i < apis; i++) {
            TreeSet<Integer> inc = new TreeSet<>();
            for (int t = 0; t < teams; t++) {
                if (r.nextInt(3) == 0) {
                    inc.add(t);
                }
            }
            includes.add(inc);
        }
        for (int w = 0; w < workloads; w++) {
            TreeSet<Integer> c = new TreeSet<>();
            TreeSet<Integer> t = new TreeSet<>();
            for (int i = 0; i < apis; i++) {
                if (r.nextInt(3) == 0) {
                    c.add(i);
                }
            }
            for (int k = 0; k < teams; k++) {
                if (r.nextInt(4) == 0) {
                    t.add(k);
                }
            }
            if (c.isEmpty() && t.isEmpty()) {
                c.add(r.nextInt(apis));
            }
            clients.add(c);
            teamsOf.add(t);
        }
    }

    static String workload(int w) {
        return "w-" + w;
    }

    static String api(int i) {
        return "api-" + i;
    }

    static String client(int i) {
        return ACCOUNT + "/sg-c-" + i;
    }

    static String team(int t) {
        return ACCOUNT + "/sg-team-" + t;
    }

    /** Whether workload {@code w} reaches {@code api-i} in this model: directly, or through a team {@code sg-c-i} includes. */
    boolean reaches(int w, int i) {
        return clients.get(w).contains(i) || teamsOf.get(w).stream().anyMatch(includes.get(i)::contains);
    }

    /** Writes network.yaml, groups.yaml, workloads.yaml and apis.yaml into {@code dir}. */
    Path write(Path dir) throws IOException {
        Files.writeString(dir.resolve("network.yaml"), """
                accounts:
                  - {id: "111111111111", name: review}
                vpcs:
                  - {id: vpc-r, account: "111111111111", cidrs: [10.40.0.0/16]}
                """);
        StringBuilder g = new StringBuilder("securityGroups:\n");
        for (int i = 0; i < apis; i++) {
            g.append("  - id: sg-api-").append(i).append("\n    account: \"111111111111\"\n    vpc: vpc-r\n    ingress:\n")
                    .append("      - {protocol: tcp, ports: ").append(9000 + i).append(", from: {group: sg-c-").append(i).append("}}\n");
            g.append("  - id: sg-c-").append(i).append("\n    account: \"111111111111\"\n    vpc: vpc-r\n");
            if (!includes.get(i).isEmpty()) {
                g.append("    includes:\n");
                includes.get(i).forEach(t -> g.append("      - sg-team-").append(t).append('\n'));
            }
        }
        for (int t = 0; t < teams; t++) {
            g.append("  - {id: sg-team-").append(t).append(", account: \"111111111111\", vpc: vpc-r}\n");
        }
        Files.writeString(dir.resolve("groups.yaml"), g.toString());
        StringBuilder w = new StringBuilder("workloads:\n");
        for (int k = 0; k < clients.size(); k++) {
            List<String> groups = new ArrayList<>();
            clients.get(k).forEach(i -> groups.add("sg-c-" + i));
            teamsOf.get(k).forEach(t -> groups.add("sg-team-" + t));
            w.append("  - {id: ").append(workload(k)).append(", account: \"111111111111\", vpc: vpc-r, addresses: [10.40.")
                    .append(k / 200).append('.').append(k % 200 + 10).append("], groups: [")
                    .append(String.join(", ", groups)).append("]}\n");
        }
        Files.writeString(dir.resolve("workloads.yaml"), w.toString());
        StringBuilder a = new StringBuilder("apis:\n");
        for (int i = 0; i < apis; i++) {
            a.append("  - {name: ").append(api(i)).append(", account: \"111111111111\", vpc: vpc-r, listen: \"10.40.250.")
                    .append(i + 1).append(':').append(9000 + i).append("\", securityGroups: [sg-api-").append(i)
                    .append("], upstream: \"http://127.0.0.1:").append(19000 + i).append("\"}\n");
        }
        Files.writeString(dir.resolve("apis.yaml"), a.toString());
        return dir;
    }
}
