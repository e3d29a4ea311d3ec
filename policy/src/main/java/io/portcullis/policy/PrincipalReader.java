package io.portcullis.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code Principal}/{@code NotPrincipal} element: {@code "*"}, or an object whose keys are principal types
 * ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}) with a string or array of strings each.
 * IAM allows no wildcard inside a principal except the whole value {@code "*"}.
 */
final class PrincipalReader {

    private static final Pattern AWS_PRINCIPAL = Pattern.compile("\\d{12}|arn:[a-z-]+:(iam|sts)::\\d{12}:[^*?]+");

    private final DocumentReader doc;

    PrincipalReader(DocumentReader doc) {
        this.doc = doc;
    }

    PrincipalSpec read(JsonTree node, String at) {
        if (node instanceof JsonTree.Scalar s && s.kind() == JsonTree.Kind.STRING) {
            if (s.text().equals("*")) {
                return PrincipalSpec.star();
            }
            doc.error(node, at, "expected \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}, found \"" + s.text() + "\"");
            return null;
        }
        if (!(node instanceof JsonTree.Obj obj) || obj.fields().isEmpty()) {
            doc.error(node, at, "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser, found " + node.describe());
            return null;
        }
        List<String> aws = new ArrayList<>();
        List<String> service = new ArrayList<>();
        List<String> federated = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        boolean anyone = false;
        for (Map.Entry<String, JsonTree> f : obj.fields().entrySet()) {
            String typeAt = at + "/" + JsonTree.escape(f.getKey());
            List<String> values = doc.strings(f.getValue(), typeAt);
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                JsonTree item = DocumentReader.item(f.getValue(), i);
                String itemAt = typeAt + DocumentReader.suffix(f.getValue(), i);
                switch (f.getKey()) {
                    case "AWS" -> {
                        if (v.equals("*")) {
                            anyone = true;
                        } else if (AWS_PRINCIPAL.matcher(v).matches()) {
                            aws.add(v);
                        } else {
                            doc.error(item, itemAt, "invalid AWS principal '" + v
                                    + "' (expected: *, a 12-digit account id, or an IAM/STS ARN without wildcards)");
                        }
                    }
                    case "Service" -> add(service, v, item, itemAt, "a service principal such as lambda.amazonaws.com");
                    case "Federated" -> add(federated, v, item, itemAt, "an identity provider such as cognito-identity.amazonaws.com");
                    case "CanonicalUser" -> add(canonical, v, item, itemAt, "a canonical user id");
                    default -> doc.error(f.getValue(), typeAt, "unknown principal type '" + f.getKey()
                            + "' (expected one of: AWS, Service, Federated, CanonicalUser)");
                }
            }
        }
        return new PrincipalSpec(anyone, aws, service, federated, canonical);
    }

    private void add(List<String> out, String v, JsonTree item, String at, String expected) {
        if (v.isEmpty() || v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
            doc.error(item, at, "invalid principal '" + v + "' (expected: " + expected + ", without wildcards)");
        } else {
            out.add(v);
        }
    }
}
