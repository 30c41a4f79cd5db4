package io.theatermsa.benchmarks.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick of {@code scripts/measure-gateway.sh}: a reverse proxy on Netty's event loops that does only what
 * the harness's nginx does (weighted round-robin over keep-alive upstream connections), so each run shows what a
 * JVM proxy with an event-loop data path reaches on the same backends and cores. It is not the gateway and has none
 * of the mesh: it tells how much of the gateway's distance to nginx is its threading model (a virtual thread per
 * connection, blocking on the upstream) and how much the JVM itself.
 * <p>
 * {@code EventLoopProxy PORT THREADS UPSTREAM...}, each upstream {@code HOST:PORT} or {@code HOST:PORT=WEIGHT};
 * binds loopback, prints {@code listening on 127.0.0.1:PORT} once it does (PORT 0 takes a free port), and runs
 * until killed.
 */
public final class EventLoopProxy implements AutoCloseable {

    /** The largest request or response body relayed, as nginx's default buffers are bounded too. */
    static final int MAX_BODY = 1 << 20;

    private final EventLoopGroup loops;
    private final Channel listener;

    private EventLoopProxy(EventLoopGroup loops, Channel listener) {
        this.loops = loops;
        this.listener = listener;
    }

    /** Starts the proxy on {@code 127.0.0.1:port} with {@code threads} event loops. */
    public static EventLoopProxy start(int port, int threads, WeightedUpstreams upstreams)
            throws InterruptedException {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(loops)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel client) {
                            client.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                    new HttpObjectAggregator(MAX_BODY), new ClientSide(upstreams));
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            return new EventLoopProxy(loops, listener);
        } catch (RuntimeException | InterruptedException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: EventLoopProxy PORT THREADS HOST:PORT[=WEIGHT]...");
            System.exit(2);
        }
        int port;
        int threads;
        WeightedUpstreams upstreams;
        try {
            port = WeightedUpstreams.number(args[0], 0, 65535, "PORT " + args[0]);
            threads = WeightedUpstreams.number(args[1], 1, 64, "THREADS " + args[1]);
            upstreams = WeightedUpstreams.parse(List.of(args).subList(2, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (EventLoopProxy proxy = start(port, threads, upstreams)) {
            System.out.println("listening on 127.0.0.1:" + proxy.port());
            proxy.listener.closeFuture().sync();
        }
    }
}
