package io.theatermsa.cli.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainRequestHeadTest {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsTheHeadAndLeavesTheBodyUnread() throws IOException {
        InputStream in = bytes("POST /users/?x=1 HTTP/1.1\r\nHost: u\r\nContent-Length: 2\r\n\r\n{}");

        PlainRequestHead head = PlainRequestHead.read(in).orElseThrow();

        assertThat(head.method()).isEqualTo("POST");
        assertThat(head.target()).isEqualTo("/users/?x=1");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("{}");
    }

    @Test
    void theForwardedHeadAsksForOneRequestPerConnection() throws IOException {
        PlainRequestHead head = PlainRequestHead.read(bytes(
                "GET / HTTP/1.1\r\nHost: u\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n")).orElseThrow();

        assertThat(new String(head.forwardedOnce(), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET / HTTP/1.1\r\nHost: u\r\nconnection: close\r\n\r\n");
    }

    @Test
    void aPeerThatSendsNothingIsNoRequest() throws IOException {
        assertThat(PlainRequestHead.read(bytes(""))).isEmpty();
    }

    @Test
    void whatIsNotAnHttp1HeadIsRefused() {
        assertThatThrownBy(() -> PlainRequestHead.read(bytes("\u0016\u0003\u0001 hello\r\n\r\n")))
                .isInstanceOf(PlainRequestHead.Malformed.class).hasMessageContaining("not an HTTP/1.x request line");
        assertThatThrownBy(() -> PlainRequestHead.read(bytes("GET / HTTP/1.1\r\nHost: u\r\n")))
                .isInstanceOf(PlainRequestHead.Malformed.class).hasMessageContaining("ended inside");
        assertThatThrownBy(() -> PlainRequestHead.read(bytes("GET / HTTP/1.1\r\nX: " + "a".repeat(70_000))))
                .isInstanceOf(PlainRequestHead.Malformed.class).hasMessageContaining("larger than");
    }
}
