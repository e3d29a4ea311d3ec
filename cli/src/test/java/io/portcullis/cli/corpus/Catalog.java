package io.portcullis.cli.corpus;

import io.portcullis.cli.corpus.Mutation.Base;
import io.portcullis.cli.corpus.Mutation.Edit;
import io.portcullis.cli.corpus.Mutation.Expect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects mutations as the family classes declare them, numbering each family's from 01. */
final class Catalog {

    private final List<Mutation> all = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();

    void broken(String family, Base base, String description, Edit edit) {
        add(family, base, description, Expect.REFUSE, edit, false);
    }

    /** A broken mutation that revokes read permission on a file (meaningless when the tests run as root). */
    void unreadable(String family, Base base, String description, Edit edit) {
        add(family, base, description, Expect.REFUSE, edit, true);
    }

    /**
     * Broken, except for a threat feed's file: a feed is a live input (a file or URL refreshed while serving), so
     * a node starts without it, warns, alerts and retries, and {@code validate} accepts it with a warning.
     */
    void brokenUnlessLive(String family, FileSlots slot, String description, Edit edit) {
        if (slot == FileSlots.FEED || slot == FileSlots.DEMO_FEED) {
            add(family, slot.base(), description + " (a live input: accepted, with a warning)", Expect.ACCEPT, edit, false);
        } else {
            add(family, slot.base(), description, Expect.REFUSE, edit, false);
        }
    }

    void valid(String family, Base base, String description, Edit edit) {
        add(family, base, description, Expect.ACCEPT, edit, false);
    }

    private void add(String family, Base base, String description, Expect expect, Edit edit, boolean unreadable) {
        int n = counters.merge(family, 1, Integer::sum);
        String id = String.format("%s-%02d", family, n);
        String where = base == Base.TRADING ? "trading: " : "demo: ";
        all.add(new Mutation(id, family, where + description, base, expect, edit, unreadable));
    }

    List<Mutation> mutations() {
        return List.copyOf(all);
    }
}
