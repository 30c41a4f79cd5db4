package io.theatermsa.platform.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeldPortTest {

    private static final String LOOPBACK = "127.0.0.1";

    @Test
    void nobodyElseBindsAHeldPortUntilItIsReleased() throws IOException {
        int port = freePort();
        try (HeldPort held = HeldPort.hold(LOOPBACK, port)) {
            assertThat(held.port()).isEqualTo(port);
            assertThatThrownBy(() -> bind(port)).isInstanceOf(BindException.class);

            held.release();
            held.release();
            try (ServerSocket gateway = bind(port)) {
                assertThat(gateway.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortInUseIsABindExceptionWithTheSystemsReason() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            assertThatThrownBy(() -> HeldPort.hold(LOOPBACK, taken.getLocalPort()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(BindException.class)
                    .hasMessageContaining("cannot bind 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void anyFreePortHoldsNothing() {
        try (HeldPort any = HeldPort.hold(LOOPBACK, 0)) {
            assertThat(any.port()).isZero();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return probe.getLocalPort();
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
