package io.vigil.dc09;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A DC-09 panel for tests: sends frames over TCP (one connection) or UDP and reads the answers. */
public abstract class Dc09TestClient implements AutoCloseable {

    public static Tcp tcp(InetSocketAddress receiver) throws IOException {
        return new Tcp(receiver);
    }

    public static Udp udp(InetSocketAddress receiver) throws IOException {
        return new Udp(receiver);
    }

    public abstract void send(byte[] frame) throws IOException;

    /** The next answer (LF to CR) as text, or null if none came within {@code wait}. */
    public abstract String answer(Duration wait) throws IOException;

    public static final class Tcp extends Dc09TestClient {
        private final Socket socket;
        private final InputStream in;

        private Tcp(InetSocketAddress receiver) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(receiver, 5_000);
            in = socket.getInputStream();
        }

        @Override
        public void send(byte[] frame) throws IOException {
            socket.getOutputStream().write(frame);
            socket.getOutputStream().flush();
        }

        @Override
        public String answer(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    frame.write(b);
                    if (b == '\r') {
                        return frame.toString(StandardCharsets.ISO_8859_1);
                    }
                }
                return null;
            } catch (SocketTimeoutException e) {
                return null;
            }
        }

        /** True once the receiver closed the connection (end of stream), waiting at most {@code wait}. */
        public boolean closedByReceiver(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            try {
                while (in.read() >= 0) {
                    // answers the test does not care about
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the receiver
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    public static final class Udp extends Dc09TestClient {
        private final DatagramSocket socket = new DatagramSocket();
        private final InetSocketAddress receiver;

        private Udp(InetSocketAddress receiver) throws IOException {
            this.receiver = receiver;
        }

        @Override
        public void send(byte[] frame) throws IOException {
            socket.send(new DatagramPacket(frame, frame.length, receiver));
        }

        @Override
        public String answer(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            byte[] buffer = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                return new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException e) {
                return null;
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
