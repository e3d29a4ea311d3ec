package io.portcullis.config;

/**
 * A reference to a security group: {@code sg-id} in the referring object's account, or {@code ACCOUNT/sg-id}.
 * Always stored resolved, with the account filled in.
 */
public record GroupRef(String account, String id) {

    /** The canonical key, {@code ACCOUNT/sg-id}, used everywhere a group is named. */
    public String key() {
        return account + '/' + id;
    }

    @Override
    public String toString() {
        return key();
    }
}
