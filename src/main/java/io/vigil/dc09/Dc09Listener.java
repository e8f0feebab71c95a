package io.vigil.dc09;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DC-09 port's TCP and UDP listeners (docs/dc09.md): framing, timeouts and limits here, the
 * judgement and the storing in the {@link Dc09Sink}. Closing stops taking frames; an answer still
 * owed is only written if its record was stored before.
 */
public final class Dc09Listener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dc09Listener.class);

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(2);
    private final AtomicInteger connections = new AtomicInteger();
    private Channel tcp;
    private Channel udp;

    private Dc09Listener() {}

    public static Dc09Listener start(Dc09Config config, Dc09Sink sink) throws InterruptedException {
        Dc09Listener listener = new Dc09Listener();
        try {
            if (config.tcp().enabled()) {
                listener.tcp = listener.startTcp(config, sink);
            }
            if (config.udp().enabled()) {
                listener.udp = listener.startUdp(config, sink);
            }
        } catch (InterruptedException | RuntimeException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    /** The bound TCP address (port 0 in the configuration picks a free one), or null when TCP is off. */
    public InetSocketAddress tcpAddress() {
        return tcp == null ? null : (InetSocketAddress) tcp.localAddress();
    }

    public InetSocketAddress udpAddress() {
        return udp == null ? null : (InetSocketAddress) udp.localAddress();
    }

    private Channel startTcp(Dc09Config config, Dc09Sink sink) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (connections.incrementAndGet() > config.maxConnections()) {
                            connections.decrementAndGet();
                            channel.close();
                            return;
                        }
                        channel.closeFuture().addListener(f -> connections.decrementAndGet());
                        channel.pipeline()
                                .addLast(new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new Dc09FrameDecoder(config.maxFrameBytes(), config.frameTimeout()))
                                .addLast(new Dc09TcpHandler(sink));
                    }
                });
        Channel channel = bootstrap.bind(config.tcp().host(), config.tcp().port()).sync().channel();
        LOG.info("DC-09 TCP listener on {}", channel.localAddress());
        return channel;
    }

    private Channel startUdp(Dc09Config config, Dc09Sink sink) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(workers).channel(NioDatagramChannel.class)
                // one byte more than the limit: a datagram that fills it is oversize, whatever the kernel cut off
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(config.maxFrameBytes() + 1))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ByteBuf content = packet.content();
                        if (content.readableBytes() > config.maxFrameBytes()) {
                            return;
                        }
                        byte[] frame = new byte[content.readableBytes()];
                        content.readBytes(frame);
                        InetSocketAddress sender = packet.sender();
                        sink.handle(frame, "udp", sender.getAddress().getHostAddress()).whenComplete((answer, failure) -> {
                            if (failure == null && answer != null && ctx.channel().isActive()) {
                                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(answer), sender));
                            }
                        });
                    }
                });
        Channel channel = bootstrap.bind(config.udp().host(), config.udp().port()).sync().channel();
        LOG.info("DC-09 UDP listener on {}", channel.localAddress());
        return channel;
    }

    @Override
    public void close() {
        for (Channel channel : new Channel[] {tcp, udp}) {
            if (channel != null) {
                channel.close().awaitUninterruptibly();
            }
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
