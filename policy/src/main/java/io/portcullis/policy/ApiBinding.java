package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

/**
 * The API a resource policy is attached to, against which API Gateway's shorthand {@code execute-api:/stage/GET/path}
 * expands to {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API-ID/stage/GET/path} (and {@code execute-api:/*} to
 * every stage, method and path of this API).
 */
public record ApiBinding(String partition, String region, String account, String apiId) {

    public ApiBinding {
        requireNonNull(partition, "partition");
        requireNonNull(region, "region");
        requireNonNull(account, "account");
        requireNonNull(apiId, "apiId");
        if (apiId.isEmpty() || apiId.contains("/") || apiId.contains(":")) {
            throw new IllegalArgumentException("apiId: '" + apiId + "' (expected: an API id such as a1b2c3d4e5)");
        }
    }

    /** The binding of an execute-api ARN such as {@code arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/x}. */
    public static ApiBinding fromArn(String executeApiArn) {
        String[] p = executeApiArn.split(":", 6);
        if (p.length != 6 || !p[0].equals("arn") || !p[2].equals("execute-api") || p[5].isEmpty()) {
            throw new IllegalArgumentException("resource: '" + executeApiArn
                    + "' (expected: arn:PARTITION:execute-api:REGION:ACCOUNT:API-ID/STAGE/METHOD/PATH)");
        }
        int slash = p[5].indexOf('/');
        return new ApiBinding(p[1], p[3], p[4], slash < 0 ? p[5] : p[5].substring(0, slash));
    }

    /** The full ARN for a shorthand path (the text after {@code execute-api:/}). */
    String expand(String path) {
        return "arn:" + partition + ":execute-api:" + region + ":" + account + ":" + apiId + "/" + path;
    }
}
