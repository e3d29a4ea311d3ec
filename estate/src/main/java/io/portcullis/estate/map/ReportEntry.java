package io.portcullis.estate.map;

import io.portcullis.estate.aws.Source;

/**
 * One thing read that the written configuration does not hold as AWS has it, with where it was read.
 *
 * @param category what happened to it ({@link Category})
 * @param subject what it is ({@code egress rule of sg-0abc}, {@code network ACL acl-1})
 * @param reason why, and what the configuration holds instead
 */
public record ReportEntry(Category category, String subject, String reason, Source source) {

    /** What the import did with an element it could not carry over unchanged. */
    public enum Category {
        /** Read, but the configuration has no place for it (egress rules, network ACLs, route tables). */
        NOT_REPRESENTED("not represented"),
        /** Left out because the configuration would refuse it (an address outside its VPC, a VPC outside the export). */
        SKIPPED("skipped"),
        /** Written wider than AWS has it, so an analysis never misses access AWS grants (ICMP type and code). */
        WIDENED("widened"),
        /** Written with a value the export does not give directly, taken from elsewhere (an account from the subnets). */
        INFERRED("inferred"),
        /** Declared although the export does not describe it, because something imported references it. */
        PLACEHOLDER("placeholder"),
        /** Read and deliberately not imported (an inactive peering, a deleted endpoint, a duplicate). */
        IGNORED("ignored");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
