package io.portcullis.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The by-name lookups the authorizer uses on an HTTP/1.1 head (no map built) answer what Netty's map of the same
 * head answers: first value, every value in order, names compared ignoring case, absent names.
 */
class HeaderBlockLookupProperties {

    private static final List<String> NAMES = List.of("Authorization", "authorization", "AUTHORIZATION", "X-Api-Key",
            "x-api-key", "Host", "Accept", "Authorizatio", "Authorizationx", "X-Ünicode");

    record Field(String name, String value) {
    }

    @Property(tries = 1000)
    void lookupsAgreeWithTheDecodedMap(@ForAll("heads") List<Field> fields, @ForAll("names") String asked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] positions = new int[4 * fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            byte[] name = fields.get(i).name().getBytes(StandardCharsets.ISO_8859_1);
            byte[] value = fields.get(i).value().getBytes(StandardCharsets.ISO_8859_1);
            positions[4 * i] = out.size();
            out.writeBytes(name);
            positions[4 * i + 1] = out.size();
            out.writeBytes(": ".getBytes(StandardCharsets.ISO_8859_1));
            positions[4 * i + 2] = out.size();
            out.writeBytes(value);
            positions[4 * i + 3] = out.size();
        }
        HeaderBlock block = new HeaderBlock(out.toByteArray(), positions, fields.size());
        HttpHeaders map = block.toHttpHeaders();
        assertThat(block.first(asked)).isEqualTo(map.get(asked));
        assertThat(block.all(asked)).isEqualTo(map.getAll(asked));
    }

    @Provide
    Arbitrary<List<Field>> heads() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(NAMES.subList(0, 9)),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(12));
        Arbitrary<String> values = Arbitraries.strings().withCharRange(' ', '~').withChars('\u00e9', '\u00ff')
                .ofMaxLength(40).map(String::strip);
        return Combinators.combine(names, values).as(Field::new).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }
}
