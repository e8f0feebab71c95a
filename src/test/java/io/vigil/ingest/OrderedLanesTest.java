package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderedLanesTest {

    @Test
    void workWithTheSameKeyRunsInSubmissionOrderOnOneThread() throws Exception {
        int keys = 16;
        int perKey = 2_000;
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<Integer, Set<String>> threads = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(keys * perKey);
        try (OrderedLanes lanes = new OrderedLanes(4, 8, "test-lane")) {
            for (int i = 0; i < perKey; i++) {
                for (int key = 0; key < keys; key++) {
                    int k = key;
                    int n = i;
                    lanes.submit("site-" + k, () -> {
                        seen.computeIfAbsent(k, x -> new ArrayList<>()).add(n);
                        threads.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
                        done.countDown();
                    });
                }
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        for (int key = 0; key < keys; key++) {
            assertThat(seen.get(key)).as("key %d", key).isSorted().hasSize(perKey);
            assertThat(threads.get(key)).as("key %d", key).hasSize(1);
        }
        // different keys really are spread over more than one lane
        assertThat(threads.values().stream().flatMap(Set::stream).distinct().count()).isGreaterThan(1);
    }
}
