package io.vigil.dc09;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a TCP byte stream into DC-09 frames (LF to CR, as {@code byte[]}) without ever holding more
 * than {@code maxFrameBytes} of one: bytes before an LF are skipped (at most {@code maxFrameBytes}
 * of them in a row), a frame that reaches the limit before its CR closes the connection, and so
 * does a frame not complete {@code frameTimeout} after the first byte that followed the previous
 * frame (slowloris, garbage included).
 */
public final class Dc09FrameDecoder extends ByteToMessageDecoder {
    private static final byte LF = '\n';
    private static final byte CR = '\r';
    /** LF, four hex digits of CRC, {@code 0LLL}, then the quote: where the CR search may start. */
    private static final int HEX_CRC_QUOTE = 9;
    /** LF, two binary CRC bytes, {@code 0LLL}, quote. */
    private static final int BINARY_CRC_QUOTE = 7;

    private final int maxFrameBytes;
    private final Duration frameTimeout;
    private int skipped;
    private ScheduledFuture<?> deadline;

    public Dc09FrameDecoder(int maxFrameBytes, Duration frameTimeout) {
        this.maxFrameBytes = maxFrameBytes;
        this.frameTimeout = frameTimeout;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && ctx.channel().isActive()) {
            startDeadline(ctx);
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), LF);
            if (lf < 0) {
                skip(ctx, in, in.readableBytes());
                return;
            }
            skip(ctx, in, lf - in.readerIndex());
            if (!ctx.channel().isActive()) {
                return;
            }
            int end = frameEnd(in);
            if (end < 0) {
                if (in.readableBytes() >= maxFrameBytes) {
                    refuse(ctx, in);
                }
                return;
            }
            int length = end - in.readerIndex() + 1;
            if (length > maxFrameBytes) {
                refuse(ctx, in);
                return;
            }
            byte[] frame = new byte[length];
            in.readBytes(frame);
            cancelDeadline();
            skipped = 0;
            out.add(frame);
        }
    }

    /** Index of the frame's CR, or -1 if it has not arrived; the search starts after the CRC field. */
    private int frameEnd(ByteBuf in) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        int from;
        if (available > BINARY_CRC_QUOTE - 1 && in.getByte(start + BINARY_CRC_QUOTE - 1) == '"'
                && !(available > HEX_CRC_QUOTE - 1 && in.getByte(start + HEX_CRC_QUOTE - 1) == '"')) {
            from = start + BINARY_CRC_QUOTE;
        } else if (available >= HEX_CRC_QUOTE) {
            from = start + HEX_CRC_QUOTE;
        } else {
            return -1;
        }
        int limit = Math.min(in.writerIndex(), start + maxFrameBytes + 1);
        return from >= limit ? -1 : in.indexOf(from, limit, CR);
    }

    private void skip(ChannelHandlerContext ctx, ByteBuf in, int count) {
        in.skipBytes(count);
        skipped += count;
        if (skipped > maxFrameBytes) {
            refuse(ctx, in);
        }
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        cancelDeadline();
        ctx.close();
    }

    private void startDeadline(ChannelHandlerContext ctx) {
        if (deadline == null) {
            deadline = ctx.executor().schedule(() -> {
                ctx.close();
            }, frameTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** Bytes held for the frame being read (never more than the limit). */
    int buffered() {
        return internalBuffer().readableBytes();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelDeadline();
    }
}
