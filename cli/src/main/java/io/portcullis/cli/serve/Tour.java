package io.portcullis.cli.serve;

import io.portcullis.cli.access.ExplanationText;
import io.portcullis.decision.Decision;
import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.explain.RequestExplainer;
import io.portcullis.runtime.explain.RequestExplanation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's tour: real HTTP calls to the running gateway from clients bound to different loopback addresses
 * (so each plays a different workload), each printed with what happened on the wire and, from {@code explain}
 * on the same configuration, which layer decided and why.
 */
final class Tour {

    /** One call: who calls (a workload id, or an address in a VPC), from which address, what, with which token. */
    record Call(String who, String source, String address, String api, String method, String path, String tokenOf, String why) {}

    /** What a call got back: an HTTP status line (and the rate-limit policy header, if any), or a closed connection. */
    record Outcome(String status, String rateLimitPolicy) {
        boolean closedBeforeHttp() {
            return status == null;
        }

        @Override
        public String toString() {
            return status == null ? "connection closed before any HTTP was read (network layer)"
                    : status + (rateLimitPolicy == null ? "" : "  [RateLimit-Policy: " + rateLimitPolicy + "]");
        }
    }

    static List<Call> calls() {
        return List.of(
                new Call("trader-1", "workload:trader-1", "127.0.1.11", "orders", "GET", "/orders/42", null,
                        "nested groups: sg-traders is included in sg-trading-clients"),
                new Call("reporting-1", "workload:reporting-1", "127.0.2.21", "orders", "GET", "/orders/42", null,
                        "another tenant, admitted by a cross-account group reference over the peering"),
                new Call("batch-1", "workload:batch-1", "127.0.1.13", "orders", "GET", "/orders/42", null,
                        "a scheduled rule: weekdays 01:00-02:00 Europe/London"),
                new Call("legacy-1", "workload:legacy-1", "127.0.1.14", "orders", "GET", "/orders/42", null,
                        "an expired rule matches nothing"),
                new Call("unknown host", "127.0.1.66@vpc-acme", "127.0.1.66", "orders", "GET", "/orders/42", null,
                        "an address in the VPC that carries no group"),
                new Call("trader-1", "workload:trader-1", "127.0.1.11", "ledger", "GET", "/ledger/7", null,
                        "cross-tenant: globex's ledger admits only its own reporting group"),
                new Call("reporting-1", "workload:reporting-1", "127.0.2.21", "ledger", "GET", "/ledger/7", null,
                        "the ledger's own tenant"),
                new Call("trader-1", "workload:trader-1", "127.0.1.11", "orders", "DELETE", "/orders/42", null,
                        "network allows, but the route accepts only GET and POST"),
                new Call("trader-1", "workload:trader-1", "127.0.1.11", "payments", "GET", "/payments/7", "trader-1",
                        "payments needs a token bound to the caller's network position: trader-1 with its own token"),
                new Call("risk-1", "workload:risk-1", "127.0.1.12", "payments", "GET", "/payments/7", "trader-1",
                        "trader-1's token, stolen and replayed from risk-1: the network admits risk-1, the binding does not"),
                new Call("trader-1", "workload:trader-1", "127.0.1.11", "payments", "GET", "/payments/7", null,
                        "the right network without a token is not enough"));
    }

    /** The rate-limit part of the tour: the same workload, quickly, more times than its bucket holds. */
    static Call burst() {
        return new Call("risk-1", "workload:risk-1", "127.0.1.12", "orders", "GET", "/orders", null,
                "5 requests per minute per workload, then 429");
    }

    /** The groups each demo workload's token lists (its direct groups). */
    static List<String> groupsOf(String workload) {
        return switch (workload) {
            case "trader-1" -> List.of("sg-traders");
            case "risk-1" -> List.of("sg-risk-engine");
            default -> List.of();
        };
    }

    static List<String> run(Node node, DemoConfig demo, int burstSize) {
        List<String> out = new ArrayList<>();
        int n = 1;
        RequestExplainer explainer = new RequestExplainer(node.plan());
        for (Call c : calls()) {
            String token = c.tokenOf() == null ? null : demo.token(c.tokenOf(), groupsOf(c.tokenOf()));
            Outcome o = call(node, c, token);
            out.add(String.format("%d. %-12s %-11s %s %s %s%s", n++, c.who(), c.address(), c.method(), c.api(), c.path(),
                    c.tokenOf() == null ? "" : "  (token of " + c.tokenOf() + ")"));
            out.add("   why this case: " + c.why());
            out.add("   → " + o);
            RequestExplanation e = explainer.explain(c.source(), "", c.api(), c.method(), c.path(), token, Instant.now());
            Decision d = e.decision();
            out.add("   decided by the " + d.layer().name().toLowerCase(Locale.ROOT) + " layer: " + d.reason().code()
                    + (d.detail().isEmpty() ? "" : " (" + d.detail() + ")"));
            ExplanationText.details(e.network()).forEach(line -> out.add("   network: " + line.strip()));
            if (!e.principal().isEmpty()) {
                out.add("   principal: " + e.principal());
            }
            out.add("");
        }
        Call b = burst();
        out.add(String.format("%d. %-12s %-11s %s %s %s  × %d", n, b.who(), b.address(), b.method(), b.api(), b.path(), burstSize));
        out.add("   why this case: " + b.why());
        List<String> statuses = new ArrayList<>();
        String policy = null;
        for (int i = 0; i < burstSize; i++) {
            Outcome o = call(node, b, null);
            statuses.add(o.closedBeforeHttp() ? "closed" : o.status().split(" ")[1]);
            policy = o.rateLimitPolicy() != null ? o.rateLimitPolicy() : policy;
        }
        out.add("   → " + String.join(" ", statuses) + (policy == null ? "" : "  [RateLimit-Policy: " + policy + "]"));
        return out;
    }

    static Outcome call(Node node, Call c, String token) {
        InetSocketAddress target = node.boundPorts().get(c.api());
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(c.address()), 0));
            s.connect(new InetSocketAddress("127.0.0.1", target.getPort()), 2000);
            s.setSoTimeout(5000);
            OutputStream os = s.getOutputStream();
            os.write((c.method() + " " + c.path() + " HTTP/1.1\r\nHost: " + c.api() + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            os.flush();
            String head = readHead(s.getInputStream());
            if (head.isEmpty()) {
                return new Outcome(null, null);
            }
            String statusLine = head.lines().findFirst().orElse("");
            String policy = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("ratelimit-policy:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
            return new Outcome(statusLine.strip(), policy);
        } catch (IOException e) {
            return new Outcome(null, null);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && head.length() < 16384) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
