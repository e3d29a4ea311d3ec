package io.portcullis.policy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed condition operator name: its family, whether it is a negated form ({@code StringNotEquals},
 * {@code NotIpAddress} ...), the set qualifier ({@code ForAllValues:}/{@code ForAnyValue:}) and {@code ...IfExists}.
 * Names are matched exactly as AWS spells them.
 */
record Operator(String name, Family family, boolean negated, Qualifier qualifier, boolean ifExists) {

    enum Family {
        STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE,
        NUMERIC_EQUALS, NUMERIC_LT, NUMERIC_LTE, NUMERIC_GT, NUMERIC_GTE,
        DATE_EQUALS, DATE_LT, DATE_LTE, DATE_GT, DATE_GTE,
        BOOL, BINARY_EQUALS, IP_ADDRESS, ARN_EQUALS, ARN_LIKE, NULL
    }

    enum Qualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    private record Base(Family family, boolean negated) {}

    private static final Map<String, Base> BASES = new HashMap<>();

    static {
        base("StringEquals", Family.STRING_EQUALS, false);
        base("StringNotEquals", Family.STRING_EQUALS, true);
        base("StringEqualsIgnoreCase", Family.STRING_EQUALS_IGNORE_CASE, false);
        base("StringNotEqualsIgnoreCase", Family.STRING_EQUALS_IGNORE_CASE, true);
        base("StringLike", Family.STRING_LIKE, false);
        base("StringNotLike", Family.STRING_LIKE, true);
        base("NumericEquals", Family.NUMERIC_EQUALS, false);
        base("NumericNotEquals", Family.NUMERIC_EQUALS, true);
        base("NumericLessThan", Family.NUMERIC_LT, false);
        base("NumericLessThanEquals", Family.NUMERIC_LTE, false);
        base("NumericGreaterThan", Family.NUMERIC_GT, false);
        base("NumericGreaterThanEquals", Family.NUMERIC_GTE, false);
        base("DateEquals", Family.DATE_EQUALS, false);
        base("DateNotEquals", Family.DATE_EQUALS, true);
        base("DateLessThan", Family.DATE_LT, false);
        base("DateLessThanEquals", Family.DATE_LTE, false);
        base("DateGreaterThan", Family.DATE_GT, false);
        base("DateGreaterThanEquals", Family.DATE_GTE, false);
        base("Bool", Family.BOOL, false);
        base("BinaryEquals", Family.BINARY_EQUALS, false);
        base("IpAddress", Family.IP_ADDRESS, false);
        base("NotIpAddress", Family.IP_ADDRESS, true);
        base("ArnEquals", Family.ARN_EQUALS, false);
        base("ArnNotEquals", Family.ARN_EQUALS, true);
        base("ArnLike", Family.ARN_LIKE, false);
        base("ArnNotLike", Family.ARN_LIKE, true);
        base("Null", Family.NULL, false);
    }

    private static void base(String name, Family family, boolean negated) {
        BASES.put(name, new Base(family, negated));
    }

    /** Parses an operator name; throws IllegalArgumentException saying what is wrong with it. */
    static Operator parse(String name) {
        String rest = name;
        Qualifier q = Qualifier.NONE;
        if (rest.startsWith("ForAllValues:")) {
            q = Qualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        } else if (rest.startsWith("ForAnyValue:")) {
            q = Qualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (rest.indexOf(':') >= 0) {
            throw new IllegalArgumentException("unknown set operator in '" + name + "' (expected: ForAllValues: or ForAnyValue:)");
        }
        boolean ifExists = rest.endsWith("IfExists") && BASES.containsKey(rest.substring(0, rest.length() - "IfExists".length()));
        String baseName = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
        Base b = BASES.get(baseName);
        if (b == null) {
            throw new IllegalArgumentException("unknown condition operator '" + name + "'" + suggestion(baseName)
                    + " (expected: an IAM condition operator such as StringEquals, IpAddress, DateLessThan, Null)");
        }
        if (b.family() == Family.NULL && (ifExists || q != Qualifier.NONE)) {
            throw new IllegalArgumentException("'" + name + "': Null takes neither IfExists nor a set operator (expected: Null)");
        }
        return new Operator(name, b.family(), b.negated(), q, ifExists);
    }

    private static String suggestion(String baseName) {
        String lower = baseName.toLowerCase(Locale.ROOT);
        for (String known : BASES.keySet()) {
            if (known.toLowerCase(Locale.ROOT).equals(lower) || (known + "IfExists").toLowerCase(Locale.ROOT).equals(lower)) {
                return " (did you mean " + (lower.endsWith("ifexists") ? known + "IfExists" : known) + "? names are case-sensitive)";
            }
        }
        return "";
    }
}
