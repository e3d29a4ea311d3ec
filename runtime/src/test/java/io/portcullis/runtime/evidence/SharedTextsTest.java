package io.portcullis.runtime.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A rule's text is made once per decision instance and handed out as that same instance, always right. */
class SharedTextsTest {

    private static Decision rule(int i) {
        return Decision.allow(new Reason(Layer.NETWORK, "rule-allows"), "111111111111/sg-api ingress[" + i + "]",
                "tcp/443 from sg-clients");
    }

    @Test
    void handsOutTheSameInstanceForTheSameDecision() {
        AtomicInteger made = new AtomicInteger();
        SharedTexts<Decision> texts = new SharedTexts<>(d -> {
            made.incrementAndGet();
            return AuditRecorder.rule(d);
        });
        Decision d = rule(0);

        String first = texts.of(d);

        assertThat(first).isEqualTo("111111111111/sg-api ingress[0] tcp/443 from sg-clients");
        assertThat(texts.of(d)).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void equalDecisionsThatAreOtherInstancesStillGetTheirOwnRightText() {
        SharedTexts<Decision> texts = new SharedTexts<>(AuditRecorder::rule);
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 5000; i++) { // more keys than slots: misses overwrite, never mix texts up
            decisions.add(rule(i % 50));
        }
        for (int pass = 0; pass < 2; pass++) {
            for (Decision d : decisions) {
                assertThat(texts.of(d)).isEqualTo(AuditRecorder.rule(d));
            }
        }
    }
}
