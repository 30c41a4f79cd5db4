package io.theatermsa.platform.server;

import io.helidon.webserver.http.Filter;
import io.theatermsa.mesh.Subscription;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Tells listeners about every request a server served; costs one check per request while nobody listens. */
final class ServedRequests {

    private final List<Consumer<ServedRequest>> listeners = new CopyOnWriteArrayList<>();

    Subscription subscribe(Consumer<ServedRequest> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    Filter filter() {
        return (chain, req, res) -> {
            if (listeners.isEmpty()) {
                chain.proceed();
                return;
            }
            long start = System.nanoTime();
            String path = req.path().path();
            try {
                chain.proceed();
            } finally {
                ServedRequest served = new ServedRequest(req.prologue().method().text(), path, res.status().code(),
                                                         Duration.ofNanos(System.nanoTime() - start));
                listeners.forEach(l -> l.accept(served));
            }
        };
    }
}
