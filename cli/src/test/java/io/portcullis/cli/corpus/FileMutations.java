package io.portcullis.cli.corpus;

import io.portcullis.cli.corpus.Mutation.Base;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files a node must read that are missing ({@code mf}), unreadable ({@code ur}: mode 000), or a directory where a
 * file belongs ({@code dir}), for every file setting of both bases.
 */
final class FileMutations {

    private FileMutations() {}

    static void add(Catalog c) {
        missing(c);
        unreadable(c);
        directories(c);
    }

    private static void missing(Catalog c) {
        for (FileSlots s : FileSlots.TRADING) {
            String name = Path.of(s.file()).getFileName().toString();
            c.brokenUnlessLive("mf", s, s.label() + " names a file that does not exist", s.pointAt("nosuch/" + name));
        }
        for (FileSlots s : FileSlots.DEMO) {
            c.brokenUnlessLive("mf", s, s.label() + "'s file " + s.file() + " was deleted",
                    s.and(k -> Files.delete(k.file(s.file()))));
        }
        c.broken("mf", Base.TRADING, "auth.jwt.jwks is an absolute path that does not exist",
                FileSlots.JWKS.pointAt("/nonexistent/portcullis/jwks.json"));
        c.broken("mf", Base.TRADING, "accessLog.path is in a directory that does not exist",
                k -> k.set("accessLog", "nosuch/access.log", "path"));
        c.broken("mf", Base.DEMO, "accessLog.path is in a directory that does not exist",
                k -> k.set("accessLog", FileSlots.map("path", "nosuch/access.log")));
    }

    private static void unreadable(Catalog c) {
        for (FileSlots s : FileSlots.TRADING) {
            c.unreadable("ur", s.base(), s.label() + "'s file " + s.file() + " has mode 000", s.and(k -> noAccess(k.file(s.file()))));
        }
        c.unreadable("ur", Base.DEMO, "auth.jwt.jwks's file demo-jwks.json has mode 000", k -> noAccess(k.file("demo-jwks.json")));
        c.unreadable("ur", Base.TRADING, "accessLog.path's directory has mode 000", k -> noAccess(k.file("logs")));
        c.unreadable("ur", Base.TRADING, "audit.dir has mode 000", k -> {
            Files.createDirectories(k.file("audit"));
            noAccess(k.file("audit"));
        });
    }

    private static void directories(Catalog c) {
        for (FileSlots s : FileSlots.TRADING) {
            c.brokenUnlessLive("dir", s, s.label() + " names a directory", s.and(k -> fileToDirectory(k.file(s.file()))));
        }
        for (FileSlots s : new FileSlots[] {FileSlots.DEMO_JWKS, FileSlots.DEMO_POLICY, FileSlots.DEMO_CERT}) {
            c.broken("dir", s.base(), s.label() + " names a directory", s.and(k -> fileToDirectory(k.file(s.file()))));
        }
        c.broken("dir", Base.TRADING, "accessLog.path names a directory", k -> k.set("accessLog", "logs", "path"));
        c.broken("dir", Base.TRADING, "audit.dir names a regular file", k -> k.set("audit", "keys/webhook-secret", "dir"));
        c.broken("dir", Base.TRADING, "audit.dir is below a regular file", k -> k.set("audit", "keys/webhook-secret/audit", "dir"));
        c.broken("dir", Base.DEMO, "audit.dir names a regular file", k -> {
            FileSlots.demoAudit(k);
            k.set("audit", "demo-jwks.json", "dir");
        });
    }

    static void noAccess(Path file) throws java.io.IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    }

    /** Replaces a file by an empty directory of the same name. */
    static void fileToDirectory(Path file) throws java.io.IOException {
        Files.delete(file);
        Files.createDirectory(file);
    }
}
