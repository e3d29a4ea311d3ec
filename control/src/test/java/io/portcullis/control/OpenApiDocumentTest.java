package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.portcullis.control.api.ControlApi;
import io.portcullis.control.api.Route;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/control-api.yaml describes exactly the routes the server answers, with the roles each admits. */
class OpenApiDocumentTest {

    @Test
    void documentsEveryRouteAndNoOther() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docs", "control-api.yaml").toFile());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m ->
                documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        for (Route r : new ControlApi(null, null, null, null, null, null, null, null, false).routes()) {
            served.add(r.method() + " " + r.template());
            JsonNode op = doc.get("paths").get(r.template()).get(r.method().toLowerCase(Locale.ROOT));
            if (r.open()) {
                assertThat(op.get("security")).as(r.method() + " " + r.template() + " is open").isNotNull().isEmpty();
            } else {
                assertThat(op.get("security")).as(r.method() + " " + r.template()).isNull();
                for (var role : r.roles()) {
                    assertThat(op.get("summary").asText()).as("the roles in the summary").contains(role.id());
                }
            }
        }
        assertThat(documented).isEqualTo(served);
    }
}
