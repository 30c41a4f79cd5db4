package io.theatermsa.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** A race on purpose: many calls, each on its own thread, released at the same moment (a thundering herd). */
public final class AllAtOnce {

    private AllAtOnce() {
    }

    /**
     * Prepares call {@code i} for every {@code i < count} on this thread, releases them together and returns
     * their results in that order; the first failure is rethrown.
     */
    public static <T> List<T> run(int count, IntFunction<Callable<T>> call)
            throws InterruptedException, ExecutionException {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(count)) {
            for (int i = 0; i < count; i++) {
                Callable<T> prepared = call.apply(i);
                running.add(pool.submit(() -> {
                    gate.await();
                    return prepared.call();
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : running) {
                results.add(result.get());
            }
            return results;
        }
    }
}
