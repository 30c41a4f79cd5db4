package io.theatermsa.benchmarks.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One client connection of the reference proxy: each request goes to the next upstream of the cycle over an idle
 * keep-alive connection of this event loop's pool (or a new one), and its response comes back unchanged but for
 * the hop-by-hop headers. One request at a time per connection: a pipelined request waits in line for the
 * response before it (no read interest is toggled, which would cost two system calls a request).
 */
final class ClientSide extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** Each event loop's own pool and turn counter, so nothing on the data path is shared between threads. */
    private static final FastThreadLocal<UpstreamPool> POOLS = new FastThreadLocal<>() {
        @Override
        protected UpstreamPool initialValue() {
            return new UpstreamPool();
        }
    };

    private final WeightedUpstreams upstreams;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean exchanging;

    ClientSide(WeightedUpstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext client, FullHttpRequest request) {
        FullHttpRequest forwarded = request.retainedDuplicate();
        HopByHop.strip(forwarded.headers());
        if (exchanging) {
            waiting.add(forwarded);
        } else {
            forward(client, forwarded);
        }
    }

    private void forward(ChannelHandlerContext client, FullHttpRequest forwarded) {
        exchanging = true;
        UpstreamPool pool = POOLS.get();
        pool.exchange(upstreams.pick(pool.nextTurn()), client.channel().eventLoop(), forwarded,
                      response -> relay(client, response));
    }

    /** Writes the upstream's response ({@code null}: none came), then forwards the next request in line. */
    private void relay(ChannelHandlerContext client, FullHttpResponse response) {
        exchanging = false;
        if (!client.channel().isActive()) {
            if (response != null) {
                response.release();
            }
            return;
        }
        FullHttpResponse answer = response != null ? response : badGateway();
        answer.setProtocolVersion(HttpVersion.HTTP_1_1); // as nginx answers, whatever the upstream spoke
        HopByHop.strip(answer.headers());
        client.writeAndFlush(answer);
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            forward(client, next);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext client) {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        client.fireChannelInactive();
    }

    private static FullHttpResponse badGateway() {
        byte[] body = "no response from the upstream\n".getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_GATEWAY,
                                                                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext client, Throwable cause) {
        client.close();
    }
}
