package io.portcullis.bench.abuse;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs one attack class against a proxy for a bounded time from one source address, then prints what the
 * attacker saw: a {@code RESULT} line of counters and a one-line {@code SUMMARY}.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.portcullis.bench.abuse.AbuseDriver ATTACK --target=HOST:PORT
 *     --source=IP [--seconds=15] [--conns=N] [--streams=N] [--open-rate=N/s] [--max-conns=4000]
 *     [--trickle-ms=1000] [--body-bytes=1048576] [--rcvbuf=4096]
 *     [--fast-path=/fast] [--slow-path=/slow] [--large-path=/large] [--upload-path=/upload]</pre>
 *
 * {@code --conns} is capped at {@code --max-conns}, the harness's guard against exhausting descriptors.
 */
public final class AbuseDriver {

    /** The attack classes, by the name the harness passes. */
    enum Attack {
        SLOWLORIS("slowloris"),
        SLOW_BODY("slow-body"),
        NON_READING("non-reading"),
        H2_FLOOD_NO_ACK("h2-flood-no-ack"),
        H2_FLOOD("h2-flood"),
        CHUNK_FLOOD("chunk-flood"),
        H2_DATA_FLOOD("h2-data-flood"),
        CONTINUATION_FLOOD("continuation-flood"),
        CONNECT_FLOOD("connect-flood"),
        RAPID_RESET("rapid-reset"),
        PING_FLOOD("ping-flood"),
        IDLE("idle");

        final String id;

        Attack(String id) {
            this.id = id;
        }

        static Attack of(String id) {
            return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("attack: '%s' (expected one of: %s)".formatted(id,
                            Arrays.stream(values()).map(a -> a.id).collect(Collectors.joining(", ")))));
        }
    }

    private AbuseDriver() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: AbuseDriver ATTACK --target=HOST:PORT --source=IP [--seconds=15] ...");
            System.exit(2);
        }
        Attack attack = Attack.of(args[0]);
        Options o = Options.parse(args, 1);
        int maxConns = o.positive("max-conns", 4000);
        int conns = o.positive("conns", 500);
        if (conns > maxConns) {
            System.err.printf("abuse: --conns=%d capped at --max-conns=%d%n", conns, maxConns);
            conns = maxConns;
        }
        int streams = o.positive("streams", 128);
        Duration seconds = o.seconds("seconds", 15);
        AttackStats stats = new AttackStats();
        Http1Abuse.Paths paths = new Http1Abuse.Paths(o.string("fast-path", "/fast"),
                o.string("large-path", "/large"), o.string("upload-path", "/upload"));
        String slow = o.string("slow-path", "/slow");
        Duration trickle = o.millis("trickle-ms", 1000);
        long body = o.positive("body-bytes", 1 << 20);
        Supplier<ChannelHandler> handlers = switch (attack) {
            case SLOWLORIS -> h1(Http1Abuse.Mode.SLOWLORIS, paths, trickle, body, stats);
            case SLOW_BODY -> h1(Http1Abuse.Mode.SLOW_BODY, paths, trickle, body, stats);
            case NON_READING -> h1(Http1Abuse.Mode.NON_READING, paths, trickle, body, stats);
            case CHUNK_FLOOD -> h1(Http1Abuse.Mode.CHUNK_FLOOD, paths, trickle, body, stats);
            case IDLE -> h1(Http1Abuse.Mode.IDLE, paths, trickle, body, stats);
            case CONNECT_FLOOD -> h1(Http1Abuse.Mode.CONNECT_FLOOD, paths, trickle, body, stats);
            case H2_FLOOD_NO_ACK -> h2(H2Abuse.Mode.FLOOD_NO_ACK, streams, slow, paths, stats);
            case H2_FLOOD -> h2(H2Abuse.Mode.FLOOD, streams, slow, paths, stats);
            case H2_DATA_FLOOD -> h2(H2Abuse.Mode.DATA_FLOOD, streams, slow, paths, stats);
            case CONTINUATION_FLOOD -> h2(H2Abuse.Mode.CONTINUATION_FLOOD, streams, slow, paths, stats);
            case RAPID_RESET -> h2(H2Abuse.Mode.RAPID_RESET, streams, slow, paths, stats);
            case PING_FLOOD -> h2(H2Abuse.Mode.PING_FLOOD, streams, slow, paths, stats);
        };
        ConnectionKeeper.Plan plan = new ConnectionKeeper.Plan(o.endpoint("target"), o.address("source"), conns,
                o.positive("open-rate", 2000));
        boolean reads = attack != Attack.NON_READING;
        if (!reads) {
            stats.count("blind");
        }
        int rcvbuf = attack == Attack.NON_READING ? o.positive("rcvbuf", 4096) : 0;
        int openAtEnd;
        // One event loop: the attacker takes at most one core of the machine it shares with the proxy under test.
        try (Loops loops = Loops.create(1)) {
            openAtEnd = new ConnectionKeeper(loops, plan, handlers, reads, rcvbuf, stats).run(seconds);
        }
        stats.add("seconds", seconds.toSeconds());
        System.out.println(stats.resultLine(attack.id, openAtEnd));
        System.out.println("SUMMARY " + stats.summary(openAtEnd));
    }

    private static Supplier<ChannelHandler> h1(Http1Abuse.Mode mode, Http1Abuse.Paths paths, Duration trickle,
            long body, AttackStats stats) {
        return () -> new Http1Abuse(mode, paths, trickle, body, stats);
    }

    private static Supplier<ChannelHandler> h2(H2Abuse.Mode mode, int streams, String slow, Http1Abuse.Paths paths,
            AttackStats stats) {
        H2Abuse.Blocks blocks = H2Abuse.Blocks.of(slow, paths.fast(), paths.upload());
        return () -> new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                H2Abuse attack = new H2Abuse(mode, streams, blocks, stats);
                ch.pipeline().addLast(new H2FrameReader(attack, stats), attack);
            }
        };
    }
}
