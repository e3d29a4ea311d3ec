package io.portcullis.cli.corpus;

import static io.portcullis.cli.corpus.Edits.list;
import static io.portcullis.cli.corpus.Edits.remove;
import static io.portcullis.cli.corpus.FileSlots.map;

import io.portcullis.cli.corpus.Mutation.Base;
import io.portcullis.cli.corpus.Mutation.Edit;

/** Resource policies that do not parse or validate ({@code pol}), inline and in files. */
final class PolicyMutations {

    private static final Base T = Base.TRADING;
    private static final Base D = Base.DEMO;

    private PolicyMutations() {}

    static void add(Catalog c) {
        c.broken("pol", T, "orders' policy: Effect 'Permit'", statement(0, 0, "Effect", "Permit"));
        c.broken("pol", T, "orders' policy: Effect 'deny' (lower case)", statement(0, 0, "Effect", "deny"));
        c.broken("pol", T, "orders' policy: condition operator StringEqualz",
                statement(0, 0, "Condition", map("StringEqualz", map("aws:SourceVpc", list("vpc-trading")))));
        c.broken("pol", T, "orders' policy: condition operator ForAnyValue:StringEqualz",
                statement(0, 0, "Condition", map("ForAnyValue:StringEqualz", map("aws:SourceVpc", list("vpc-trading")))));
        c.broken("pol", T, "orders' policy: IpAddress condition on 'not-an-ip'",
                statement(0, 0, "Condition", map("IpAddress", map("aws:SourceIp", "not-an-ip"))));
        c.broken("pol", T, "orders' policy: DateGreaterThan condition on 'yesterday'",
                statement(0, 0, "Condition", map("DateGreaterThan", map("aws:CurrentTime", "yesterday"))));
        c.broken("pol", T, "orders' policy: Version 2099-01-01", policy(0, "Version", "2099-01-01"));
        c.broken("pol", T, "orders' policy: a statement without Effect", remove("apis", 0, "resourcePolicy", "Statement", 1, "Effect"));
        c.broken("pol", T, "orders' policy: a statement without Action", remove("apis", 0, "resourcePolicy", "Statement", 1, "Action"));
        c.broken("pol", T, "orders' policy: Statement is a string", policy(0, "Statement", "nope"));
        c.broken("pol", T, "orders' policy: Statement is an empty list", policy(0, "Statement", list()));
        c.broken("pol", T, "orders' policy: 'Statment' (typo) instead of Statement", k -> {
            Object statements = k.get("apis", 0, "resourcePolicy", "Statement");
            k.remove("apis", 0, "resourcePolicy", "Statement");
            k.set("apis", statements, 0, "resourcePolicy", "Statment");
        });
        c.broken("pol", T, "orders' policy: statement key 'Conditions'", statement(0, 1, "Conditions", map()));
        c.broken("pol", T, "orders' policy: Action is a number", statement(0, 1, "Action", 42));
        c.broken("pol", T, "orders' policy: Principal 'anyone'", statement(0, 1, "Principal", "anyone"));
        c.broken("pol", T, "orders' policy: Action and NotAction in one statement", statement(0, 1, "NotAction", "execute-api:Invoke"));
        FileSlots file = FileSlots.POLICY;
        c.broken("pol", T, "orders' policy file: bad JSON (trailing comma)", file.and(k -> k.write(file.file(),
                k.text(file.file()).replace("\"Version\" : \"2012-10-17\",", "\"Version\" : \"2012-10-17\",,"))));
        c.broken("pol", T, "orders' policy file: empty", file.content(""));
        c.broken("pol", T, "orders' policy file: a JSON list", file.content("[]\n"));
        c.broken("pol", T, "orders' policy file: Effect 'Permit'",
                file.and(k -> k.write(file.file(), k.text(file.file()).replace("\"Deny\"", "\"Permit\""))));
        c.broken("pol", D, "payments' policy: Effect 'Permit'", statement(1, 1, "Effect", "Permit"));
        c.broken("pol", D, "ledger's policy: condition operator StringNotEqualz", k -> {
            Object condition = k.get("apis", 2, "resourcePolicy", "Statement", 0, "Condition", "StringNotEquals");
            k.set("apis", map("StringNotEqualz", condition), 2, "resourcePolicy", "Statement", 0, "Condition");
        });
        c.broken("pol", D, "orders' policy: a statement without Action", remove("apis", 0, "resourcePolicy", "Statement", 0, "Action"));
        c.broken("pol", D, "ledger's policy file: bad JSON", FileSlots.DEMO_POLICY.content("{\"Version\": \"2012-10-17\", \"Statement\": [\n"));
    }

    private static Edit policy(int api, String key, Object value) {
        return k -> k.set("apis", value, api, "resourcePolicy", key);
    }

    private static Edit statement(int api, int statement, String key, Object value) {
        return k -> k.set("apis", value, api, "resourcePolicy", "Statement", statement, key);
    }
}
