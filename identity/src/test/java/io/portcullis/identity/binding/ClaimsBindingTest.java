package io.portcullis.identity.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Layer;
import io.portcullis.settings.JwsAlg;
import io.portcullis.identity.jwt.VerifiedToken;
import io.portcullis.identity.mtls.CertificateIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsBindingTest {

    static VerifiedToken token(Map<String, Object> claims) {
        return new VerifiedToken("orders", "https://issuer.test", "k1", JwsAlg.RS256, Long.MAX_VALUE, claims);
    }

    private final NetworkPosition orders = new NetworkPosition("111111111111", "orders",
            List.of("111111111111/sg-orders", "111111111111/sg-trading"));
    private final NetworkPosition reports = new NetworkPosition("222222222222", "reports", List.of("222222222222/sg-reports"));
    private final ClaimsBinding all = new ClaimsBinding(new BindSettings("groups", "account", "workload"));
    private final VerifiedToken ordersToken = token(Map.of("groups", List.of("sg-trading"), "account", "111111111111", "workload", "orders"));

    @Test
    void allowsTheTokenFromTheWorkloadItWasIssuedTo() {
        assertThat(all.check(ordersToken, orders, null).allowed()).isTrue();
        assertThat(all.check(ordersToken, orders, null)).isSameAs(all.check(ordersToken, orders, null));
    }

    @Test
    void deniesAStolenTokenReplayedFromAnotherWorkload() {
        var d = all.check(ordersToken, reports, null);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason().toString()).isEqualTo("identity/claims-network-mismatch");
        assertThat(d.layer()).isEqualTo(Layer.IDENTITY);
        assertThat(d.decidedBy()).isEqualTo("auth.bind.groupsClaim");
    }

    @Test
    void matchesQualifiedAndBareGroupIdsButNotPrefixes() {
        ClaimsBinding groups = new ClaimsBinding(new BindSettings("groups", "", ""));
        assertThat(groups.check(token(Map.of("groups", "111111111111/sg-orders")), orders, null).allowed()).isTrue();
        assertThat(groups.check(token(Map.of("groups", List.of("sg-x", "sg-orders"))), orders, null).allowed()).isTrue();
        assertThat(groups.check(token(Map.of("groups", List.of("sg-order"))), orders, null).allowed()).isFalse();
        assertThat(groups.check(token(Map.of("groups", "222222222222/sg-orders")), orders, null).allowed()).isFalse();
        assertThat(groups.check(token(Map.of("groups", List.of(7))), orders, null).allowed()).isFalse();
        assertThat(groups.check(token(Map.of()), orders, null).allowed()).isFalse();
    }

    @Test
    void accountAndWorkloadMustMatchExactlyAndUnknownNeverMatches() {
        ClaimsBinding account = new ClaimsBinding(new BindSettings("", "account", ""));
        assertThat(account.check(token(Map.of("account", "111111111111")), orders, null).allowed()).isTrue();
        assertThat(account.check(token(Map.of("account", "111111111111")), reports, null).decidedBy()).isEqualTo("auth.bind.accountClaim");
        assertThat(account.check(token(Map.of("account", "")), new NetworkPosition("", "", List.of()), null).allowed()).isFalse();
        ClaimsBinding workload = new ClaimsBinding(new BindSettings("", "", "workload"));
        NetworkPosition unknown = new NetworkPosition("", "", List.of());
        assertThat(workload.check(token(Map.of("workload", "orders")), unknown, null).allowed()).isFalse();
    }

    @Test
    void theWorkloadClaimMayNameTheCertificateIdentity() {
        ClaimsBinding workload = new ClaimsBinding(new BindSettings("", "", "workload"));
        var spiffe = new CertificateIdentity(CertificateIdentity.Kind.SPIFFE, "spiffe://prod.example/ns/trading/sa/orders");
        NetworkPosition unknown = new NetworkPosition("", "", List.of());
        VerifiedToken t = token(Map.of("workload", "spiffe://prod.example/ns/trading/sa/orders"));
        assertThat(workload.check(t, unknown, spiffe).allowed()).isTrue();
        assertThat(workload.check(t, unknown, null).allowed()).isFalse();
    }
}
