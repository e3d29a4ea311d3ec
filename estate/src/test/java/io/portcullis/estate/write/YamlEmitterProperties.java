package io.portcullis.estate.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.internal.Problems;
import io.portcullis.config.internal.SafeYaml;
import io.portcullis.estate.aws.Source;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text an export holds (a group's name, a tag, a description, a file name cited in a comment, a policy's
 * strings), the YAML the importer writes reads back as exactly the tree it compiled: no character ends a comment
 * or a scalar early, and none makes the reader refuse the file. The import compiles the trees and `validate`,
 * `run` and `analyze` read the text, so the two must never differ.
 */
class YamlEmitterProperties {

    /** Every character YAML reads as a line break or refuses, and ones that look harmless, in any mix. */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<Character> nasty = Arbitraries.of('\n', '\r', '\u0085', '\u2028', '\u2029', '\t', '\u0000', '\u001b',
                '\u007f', '\u0080', '\u009f', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udfff', '\u202e', '\u2066', '"',
                '\\', '#', ':', ' ', '-', '{', '}', '[', ']', '&', '*', '!', '|', '>', '\'', '%', '@', '`', 'a', 'é',
                '€');
        return Arbitraries.oneOf(nasty.list().ofMaxSize(24).map(YamlEmitterProperties::join),
                Arbitraries.strings().ofMaxLength(24));
    }

    @Property(tries = 2000)
    void whatIsWrittenReadsBackAsTheTree(@ForAll("hostile") String a, @ForAll("hostile") String b) {
        Source at = new Source("export/" + a + ".json", "/SecurityGroups/0");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", a);
        tags.put(b, b);
        ObjectNode policy = JsonNodeFactory.instance.objectNode().put("Sid", b).put(a, "x");
        Item rule = new Item(null, at, "rule " + b).put("protocol", "tcp").put("description", b);
        Item item = new Item("sg-1", at, "sg-1 (" + a + "): " + at).put("id", "sg-1").put("name", a)
                .put("tags", tags).put("policy", policy).put("list", List.of(a, b)).put("ingress", List.of(rule));
        StringBuilder text = new StringBuilder("# header\nsecurityGroups:\n");
        YamlEmitter.item(text, item, 2, "securityGroups[0]", (path, it) -> {});
        String written = text.toString();

        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(written)).as("UTF-8 encodable").isTrue();
        Problems problems = new Problems();
        JsonNode read = new SafeYaml().read(written, problems);
        assertThat(problems.all()).as(written).isEmpty();
        ArrayNode expected = JsonNodeFactory.instance.arrayNode().add(ItemTree.of(item));
        assertThat(read).as(written).isEqualTo(JsonNodeFactory.instance.objectNode().set("securityGroups", expected));
    }

    @Example
    void aLineBreakInACommentStaysInTheComment() {
        // the adversary's group name: a carriage return, then a rule of their own
        String name = "default\r      - protocol: \"all\"\r        from: {\"cidr\": \"0.0.0.0/0\"}\r  #";
        StringBuilder text = new StringBuilder();
        YamlEmitter.comment(name, text);
        assertThat(text.toString()).doesNotContain("\r").contains("default\\u000d      - protocol");
    }

    private static String join(List<Character> chars) {
        StringBuilder s = new StringBuilder();
        chars.forEach(s::append);
        return s.toString();
    }
}
