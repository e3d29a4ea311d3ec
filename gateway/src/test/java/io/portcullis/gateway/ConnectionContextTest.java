package io.portcullis.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Source;
import io.portcullis.gateway.guard.Readmission;
import io.portcullis.gateway.limit.InFlight;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one record of a connection: found from its channel, each fact recorded once, the admission renewed. */
class ConnectionContextTest {

    private static final Reason ALLOWED = new Reason(Layer.NETWORK, "security-group-allows");
    private static final Reason NO_RULE = new Reason(Layer.NETWORK, "no-matching-rule");

    /** A channel from a TCP peer, as the gateway accepts them. */
    private final EmbeddedChannel channel = new EmbeddedChannel() {
        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("10.0.0.9", 40000);
        }
    };

    private static Admission admission(String workload, boolean allowed) throws Exception {
        Source source = new Source("vpc-1", "", InetAddress.getByName("10.0.0.5"), workload, "111111111111",
                List.of("111111111111/sg-" + workload));
        return new Admission(allowed ? Decision.allow(ALLOWED, "rule", "") : Decision.deny(NO_RULE, "", ""), source);
    }

    @Test
    void isFoundFromItsChannelAndSetOnlyOnce() {
        ConnectionContext context = ConnectionContext.attach(channel, 7, "orders", true, 42);
        assertThat(ConnectionContext.of(channel)).isSameAs(context);
        assertThat(context.id()).isEqualTo(7);
        assertThat(context.api()).isEqualTo("orders");
        assertThat(context.peer()).isEqualTo(new InetSocketAddress("10.0.0.9", 40000));
        assertThat(context.tls()).isTrue();
        assertThat(context.acceptedNanos()).isEqualTo(42);
        assertThat(ConnectionContext.of(new EmbeddedChannel())).as("a channel the gateway did not accept").isNull();
        assertThatThrownBy(() -> ConnectionContext.attach(channel, 8, "orders", true, 43))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ConnectionContext.of(channel)).isSameAs(context);
    }

    @Test
    void recordsTheSourceAndTheAdmissionOnce() throws Exception {
        ConnectionContext context = ConnectionContext.attach(channel, 1, "orders", false, 0);
        assertThat(context.sourceAddress()).isNull();
        assertThat(context.source()).isNull();
        InetSocketAddress client = new InetSocketAddress("10.0.0.5", 4000);
        context.sourceResolved(client, "vpce-1");
        assertThat(context.sourceAddress()).isEqualTo(client);
        assertThat(context.vpcEndpoint()).isEqualTo("vpce-1");
        assertThatThrownBy(() -> context.sourceResolved(client, "")).isInstanceOf(IllegalStateException.class);

        Admission admitted = admission("web", true);
        context.admitted(admitted, new InFlight(), "workload:web");
        assertThat(context.admission()).isSameAs(admitted);
        assertThat(context.source()).isSameAs(admitted.source());
        assertThat(context.sourceKey()).isEqualTo("workload:web");
        assertThatThrownBy(() -> context.admitted(admitted, new InFlight(), "workload:web"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReadmissionIsCurrentInItsPlanEpochForASecondAndADenialChangesNothing() throws Exception {
        ConnectionContext context = ConnectionContext.attach(channel, 1, "orders", false, 0);
        context.admitted(admission("web", true), new InFlight(), "workload:web");
        assertThat(context.admissionCurrent(0, 0)).as("the accept-time admission is asked again").isFalse();

        Admission renewed = admission("web", true);
        long t = 5_000_000_000L;
        context.readmitted(renewed, 3, t);
        assertThat(context.admission()).isSameAs(renewed);
        assertThat(context.admissionCurrent(3, t + Readmission.GUARD_EVERY_NANOS - 1)).isTrue();
        assertThat(context.admissionCurrent(3, t + Readmission.GUARD_EVERY_NANOS)).isFalse();
        assertThat(context.admissionCurrent(4, t)).as("the plan changed").isFalse();

        context.readmitted(admission("web", false), 4, t);
        assertThat(context.admission()).isSameAs(renewed);
    }
}
