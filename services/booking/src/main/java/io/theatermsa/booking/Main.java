package io.theatermsa.booking;

import io.theatermsa.platform.server.ServiceLauncher;
import io.theatermsa.platform.sidecar.DirectSidecar;

import java.time.Duration;

/**
 * booking-service in its container ({@link ServiceLauncher} lists the environment it reads):
 * {@link BookingServiceApp} over Redis, calling user- and movie-service through the pod's Envoy (a
 * {@link DirectSidecar}).
 */
public final class Main {

    static final String SERVICE = "booking-service";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        DirectSidecar sidecar = new DirectSidecar(Duration.ofSeconds(2));
        ServiceLauncher.launch(SERVICE, System.getenv(), (where, topology, redis) -> BookingServiceApp.start(
                where.identity(), where.bindHost(), where.port(), redis, sidecar, topology), sidecar);
    }
}
