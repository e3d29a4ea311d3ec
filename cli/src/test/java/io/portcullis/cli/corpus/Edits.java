package io.portcullis.cli.corpus;

import io.portcullis.cli.corpus.Mutation.Edit;
import java.util.ArrayList;
import java.util.List;

/** Small edits that the family classes compose. */
final class Edits {

    private Edits() {}

    static Edit set(String section, Object value, Object... path) {
        return c -> c.set(section, value, path);
    }

    static Edit remove(String section, Object... path) {
        return c -> c.remove(section, path);
    }

    /** Edits applied in order. */
    static Edit all(Edit... edits) {
        return c -> {
            for (Edit e : edits) {
                e.apply(c);
            }
        };
    }

    /** A mutable list, so that later edits can change it. */
    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    /** Sets {@code listen} of {@code apis[index]} to {@code host}:{@code port of listener}. */
    static Edit listen(int index, String host, String listener) {
        return c -> c.set("apis", host + ":" + c.port(listener), index, "listen");
    }

    /** Adds {@code admin.listen} on {@code host}:{@code port of listener}. */
    static Edit admin(String host, String listener) {
        return c -> c.set("admin", FileSlots.map("listen", host + ":" + c.port(listener)));
    }
}
