package io.portcullis.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Source;
import io.portcullis.settings.Limits;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    private static Source workload(String name, String... groups) throws Exception {
        return new Source("vpc-1", "", InetAddress.getByName("10.0.0.1"), name, "111111111111", List.of(groups));
    }

    @Test
    void refusesBeyondPerSourceLimitAndFreesOnRelease() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter();
        Limits limits = Limits.DEFAULT.withConnections(2, 100, 100);
        ConnectionLimiter.Lease a = limiter.tryAcquire(workload("web"), limits);
        ConnectionLimiter.Lease b = limiter.tryAcquire(workload("web"), limits);
        ConnectionLimiter.Lease c = limiter.tryAcquire(workload("web"), limits);
        assertThat(a.granted()).isTrue();
        assertThat(b.granted()).isTrue();
        assertThat(c.granted()).isFalse();
        assertThat(c.refusedBy()).isEqualTo("maxConnectionsPerSource 2 for workload:web");
        assertThat(limiter.tryAcquire(workload("batch"), limits).granted()).isTrue();
        a.release();
        a.release();
        assertThat(limiter.openConnections("workload:web")).isEqualTo(1);
        assertThat(limiter.tryAcquire(workload("web"), limits).granted()).isTrue();
    }

    @Test
    void groupLimitSpansWorkloadsAndARefusalTakesNothing() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter();
        Limits limits = Limits.DEFAULT.withConnections(10, 1, 100);
        assertThat(limiter.tryAcquire(workload("a", "111111111111/sg-app"), limits).granted()).isTrue();
        ConnectionLimiter.Lease refused = limiter.tryAcquire(workload("b", "111111111111/sg-app"), limits);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.refusedBy()).contains("maxConnectionsPerGroup 1");
        assertThat(limiter.openConnections("workload:b")).isZero();
        assertThat(limiter.openConnections("api")).isEqualTo(1);
    }
}
