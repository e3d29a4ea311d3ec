package io.portcullis.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void numbersIdsAfterARandomPrefix() {
        RequestIds ids = new RequestIds();
        String first = ids.next();
        assertThat(first).matches("[0-9a-f]{12}-000000000001");
        assertThat(ids.next()).isEqualTo(first.substring(0, 13) + "000000000002");
        assertThat(new RequestIds().next()).as("another instance, another prefix").isNotEqualTo(first);
    }

    @Test
    void neverRepeatsAnIdAcrossThreads() throws Exception {
        RequestIds ids = new RequestIds();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(ids.next());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(40_000).allMatch(id -> id.matches("[0-9a-f]{12}-0000000[0-9a-f]{5}"));
    }
}
