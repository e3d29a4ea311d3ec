package io.portcullis.identity.jwt;

import static io.portcullis.identity.jwt.WycheproofJwsTest.cast;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of Wycheproof's json_web_key_test.json: key sets with duplicate kids, mixed symmetric and
 * asymmetric keys, weak RSA (1024 bits, e = 1, ROCA), alg/curve contradictions, points off the curve, short or
 * empty HMAC secrets and AES keys. A case is rejected when the key set is refused at configuration or the
 * token fails to verify; valid cases must configure and verify.
 */
class WycheproofJwkTest {

    /** For each invalid case, the rule that must be the one that rejected it (not some accident). */
    static final Map<Integer, String> WHY = Map.ofEntries(
            Map.entry(1, "no symmetric keys in a public key set"), Map.entry(3, "BAD_SIGNATURE"),
            Map.entry(4, "(expected: unique kids)"), Map.entry(6, "use 'enc'"), Map.entry(7, "ROCA"),
            Map.entry(8, "RSA modulus 1024 bits"), Map.entry(9, "RSA exponent 1 "),
            Map.entry(10, "HMAC secret 248 bits"), Map.entry(11, "HMAC secret 376 bits"),
            Map.entry(12, "HMAC secret 504 bits"), Map.entry(16, "HMAC secret 0 bits"),
            Map.entry(17, "HMAC secret 0 bits"), Map.entry(18, "HMAC secret 0 bits"),
            Map.entry(19, "alg ES512 on a P-256 key"), Map.entry(20, "alg 'ES224'"), Map.entry(21, "use 'enc'"),
            Map.entry(22, "not on the P-256 curve"), Map.entry(23, "not on the P-384 curve"),
            Map.entry(24, "not a valid JWK"), Map.entry(25, "alg 'A256GCM'"), Map.entry(26, "alg 'A256KW'"));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyValidKeySetVerifiesAndEveryInvalidOneRejects() throws Exception {
        Map<String, Object> root = JSONObjectUtils.parse(Files.readString(TestData.path("wycheproof/json_web_key_test.json")));
        List<DynamicTest> tests = new ArrayList<>();
        int group = 0;
        for (Object g : JSONObjectUtils.getJSONArray(root, "testGroups")) {
            Map<String, Object> grp = cast(g);
            Map<String, Object> set = cast(grp.containsKey("public") ? grp.get("public") : grp.get("private"));
            List<Map<String, Object>> keys = JSONObjectUtils.getJSONArray(set, "keys").stream()
                    .map(WycheproofJwsTest::cast).toList();
            Vectors.Configured verifier = Vectors.configure(dir.resolve("g" + group++), keys);
            for (Object t : JSONObjectUtils.getJSONArray(grp, "tests")) {
                Map<String, Object> tc = cast(t);
                boolean valid = "valid".equals(tc.get("result"));
                String token = (String) tc.get("jws");
                tests.add(DynamicTest.dynamicTest("tcId " + tc.get("tcId") + " " + tc.get("comment") + " (" + grp.get("comment") + ")",
                        () -> {
                            assertThat(verifier.accepts(token)).as("%s", verifier.explain(token)).isEqualTo(valid);
                            String because = WHY.get(((Number) tc.get("tcId")).intValue());
                            if (because != null) {
                                assertThat(verifier.explain(token)).contains(because);
                            }
                        }));
            }
        }
        assertThat(tests).hasSize(((Number) root.get("numberOfTests")).intValue());
        return tests.stream();
    }
}
