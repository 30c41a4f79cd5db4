package io.theatermsa.benchmarks.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One event loop's keep-alive connections to the upstreams (nginx's {@code keepalive} per worker): an exchange
 * takes an idle one or connects, and gives it back when the response allowed keep-alive. Used from its event loop
 * only, so it needs no lock.
 */
final class UpstreamPool {

    private final Map<WeightedUpstreams.Upstream, ArrayDeque<Channel>> idle = new HashMap<>();
    private long turns;

    long nextTurn() {
        return turns++;
    }

    /**
     * Sends {@code request} (released by this call) to {@code upstream} and hands its final response to
     * {@code answer}, or {@code null} when the connection failed or closed before a whole one (the client then gets
     * a 502; nginx would try the next upstream).
     */
    void exchange(WeightedUpstreams.Upstream upstream, EventLoop loop, FullHttpRequest request,
                  Consumer<FullHttpResponse> answer) {
        ArrayDeque<Channel> ready = idle.computeIfAbsent(upstream, u -> new ArrayDeque<>());
        Channel channel;
        while ((channel = ready.poll()) != null) {
            if (channel.isActive()) {
                send(channel, request, answer, ready);
                return;
            }
        }
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        connection.pipeline().addLast(new HttpClientCodec(),
                                new HttpObjectAggregator(EventLoopProxy.MAX_BODY), new Exchange());
                    }
                })
                .connect(upstream.host(), upstream.port())
                .addListener((ChannelFutureListener) connected -> {
                    if (connected.isSuccess()) {
                        send(connected.channel(), request, answer, ready);
                    } else {
                        request.release();
                        answer.accept(null);
                    }
                });
    }

    private static void send(Channel channel, FullHttpRequest request, Consumer<FullHttpResponse> answer,
                             ArrayDeque<Channel> ready) {
        Exchange exchange = channel.pipeline().get(Exchange.class);
        exchange.await(response -> {
            if (response != null && HttpUtil.isKeepAlive(response)) {
                ready.push(channel);
            } else {
                channel.close();
            }
            answer.accept(response);
        });
        channel.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** The end of an upstream connection's pipeline: whoever waits for its current response. */
    private static final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {

        private Consumer<FullHttpResponse> waiting;

        Exchange() {
            super(false);
        }

        void await(Consumer<FullHttpResponse> answer) {
            waiting = answer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext upstream, FullHttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                    && response.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                response.release(); // 100 Continue, 103 Early Hints: the final response is still to come
                return;
            }
            Consumer<FullHttpResponse> answer = waiting;
            waiting = null;
            if (answer != null) {
                answer.accept(response);
            } else {
                response.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext upstream) {
            Consumer<FullHttpResponse> answer = waiting;
            waiting = null;
            if (answer != null) {
                answer.accept(null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext upstream, Throwable cause) {
            upstream.close();
        }
    }
}
