package io.vigil.dc09;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * One TCP connection's frames, one at a time: reading pauses while a frame is with the sink, its
 * answer is written when the sink completes, then the next frame goes. An idle connection is closed,
 * unless it is only waiting for its own frame to be stored.
 */
final class Dc09TcpHandler extends ChannelInboundHandlerAdapter {

    private final Dc09Sink sink;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private boolean inFlight;

    Dc09TcpHandler(Dc09Sink sink) {
        this.sink = sink;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pending.add((byte[]) msg);
        ctx.channel().config().setAutoRead(false);
        next(ctx);
    }

    private void next(ChannelHandlerContext ctx) {
        if (inFlight) {
            return;
        }
        byte[] frame = pending.poll();
        if (frame == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        inFlight = true;
        String address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        sink.handle(frame, "tcp", address).whenComplete((answer, failure) -> ctx.executor().execute(() -> {
            inFlight = false;
            if (!ctx.channel().isActive()) {
                return;
            }
            if (failure == null && answer != null) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
            }
            next(ctx);
        }));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && !inFlight) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
