package io.portcullis.alerts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.alerts.Alert;
import java.nio.charset.StandardCharsets;

/**
 * The webhook body: {@code {"rule","type","key","count","threshold","window","firedAt","detail"}}, with the
 * window as an ISO-8601 duration ({@code PT1M}) and {@code firedAt} as an ISO-8601 instant in UTC.
 */
public final class AlertJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {}

    public static byte[] encode(Alert alert) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rule", alert.rule());
        o.put("type", alert.type().configName());
        o.put("key", alert.key());
        o.put("count", alert.count());
        o.put("threshold", alert.threshold());
        o.put("window", alert.window().toString());
        o.put("firedAt", alert.firedAt().toString());
        o.put("detail", alert.detail());
        try {
            return JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }
}
