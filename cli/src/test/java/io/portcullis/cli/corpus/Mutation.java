package io.portcullis.cli.corpus;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One generated configuration: a base configuration written to a directory, then changed by an edit. A broken
 * mutation must be refused by {@code validate} and {@code run} with the same messages; a valid one accepted by
 * both.
 *
 * @param id short and stable, {@code FAMILY-NN}
 * @param family what kind of change (see {@link BrokenConfigs})
 * @param description one line: the base and what was changed
 * @param needsUnreadableFiles the edit revokes read permission, which a root process ignores
 */
record Mutation(String id, String family, String description, Base base, Expect expect, Edit edit,
                boolean needsUnreadableFiles) {

    /** What both commands must do with the configuration. */
    enum Expect { REFUSE, ACCEPT }

    /** The configuration a mutation starts from. */
    enum Base { TRADING, DEMO }

    /** A change to a written base configuration. */
    @FunctionalInterface
    interface Edit {
        void apply(ConfigDir config) throws Exception;
    }

    Mutation {
        requireNonNull(id, "id");
        requireNonNull(family, "family");
        requireNonNull(description, "description");
        requireNonNull(base, "base");
        requireNonNull(expect, "expect");
        requireNonNull(edit, "edit");
    }

    /** Writes the base with fresh free ports into {@code dir} (which must not exist yet) and applies the edit. */
    ConfigDir writeTo(Path dir) throws Exception {
        ConfigDir config = BaseConfigs.write(base, dir);
        edit.apply(config);
        config.save();
        return config;
    }

    @Override
    public String toString() {
        return id + " " + description;
    }
}
