package com.bazaar.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Past {@code requestLimits.maxConnections} open connections, a new one waits to be accepted until one closes. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConnectionLimitIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(
            ConfigOverride.config("requestLimits.maxConnections", "3"));

    @Test
    void connectionsPastTheLimitAreServedOnlyOnceOthersClose() throws Exception {
        List<Socket> held = new ArrayList<>();
        List<Socket> extra = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(answered(new Socket("127.0.0.1", APP.getLocalPort())));
            }
            // An acceptor already waiting in accept() may take one more before the limit stops it: try three, which
            // all fit once the held ones close.
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket("127.0.0.1", APP.getLocalPort());
                extra.add(socket);
                send(socket);
            }
            long unanswered = extra.stream().filter(socket -> !answersWithin(socket, 1500)).count();
            assertThat(unanswered).as("connections not accepted while 3 are open").isGreaterThanOrEqualTo(1);

            for (Socket socket : held) {
                socket.close();
            }
            for (Socket socket : extra) {
                socket.setSoTimeout(10_000);
                assertThat(statusLine(socket.getInputStream())).as("served once the others closed").startsWith("HTTP/1.1 ");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            for (Socket socket : extra) {
                socket.close();
            }
        }
    }

    /** Whether the first byte of an answer arrives within {@code millis}; one already read counts. */
    private static boolean answersWithin(Socket socket, int millis) {
        try {
            socket.setSoTimeout(millis);
            return socket.getInputStream().read() != -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket after one request on it was answered: an open, idle keep-alive connection. */
    private static Socket answered(Socket socket) throws IOException {
        send(socket);
        socket.setSoTimeout(10_000);
        assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 ");
        return socket;
    }

    private static void send(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
