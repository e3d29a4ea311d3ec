package io.portcullis.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh log directory, signing key and alert inbox for each test. */
abstract class TempLogTest {

    @TempDir
    Path tmp;
    Path dir;
    Path key;
    KeyPair keys;
    final List<AuditAlert> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void newLogDirectoryAndKey() throws IOException {
        dir = tmp.resolve("log");
        key = tmp.resolve("signing.key");
        keys = TestLogs.signingKey(key);
    }
}
