package com.bazaar.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the HTTP server answers by itself, sent by hand over a socket: bad path characters and methods it refuses
 * for every path get the error shape (a 405 with {@code Allow}), and an error answered before the request's body
 * was read says {@code Connection: close}, while a request whose body was read keeps its connection.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EarlyAnswersIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Pattern CODE = Pattern.compile("\\{\"code\":(\\d+),\"message\":\"[^\"]+\"");

    record Answer(int status, String head, String body) {
        boolean closes() {
            return head.toLowerCase().contains("\r\nconnection: close\r\n");
        }

        /** The error shape, with a code equal to the status. */
        void hasErrorShape() {
            assertThat(head.toLowerCase()).contains("content-type: application/json");
            Matcher code = CODE.matcher(body);
            assertThat(code.find()).as(body).isTrue();
            assertThat(Integer.parseInt(code.group(1))).isEqualTo(status);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String admin() {
        return basic(ServiceTestApp.ADMIN, ServiceTestApp.password(ServiceTestApp.ADMIN));
    }

    /** One request on a fresh connection; {@code sentBody} may be shorter than {@code length} (the rest held back). */
    static Answer send(String method, String path, String authorization, int length, String sentBody) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(5_000);
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + (length < 0 ? "" : "Content-Type: application/json\r\nContent-Length: " + length + "\r\n")
                    + "\r\n" + sentBody;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) != -1; ) {
                head.append((char) b);
            }
            Matcher length1 = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
            var body = new ByteArrayOutputStream();
            if (length1.find()) {
                body.write(in.readNBytes(Integer.parseInt(length1.group(1))));
            }
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head.toString(), body.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
    void aBadPathCharacterIs400WithTheErrorShapeWhateverTheMethod(String method) throws Exception {
        Answer answer = send(method, "/products/%19", admin(), method.equals("GET") ? -1 : 2, "{}");

        assertThat(answer.status()).isEqualTo(400);
        answer.hasErrorShape();
    }

    @Test
    void traceIs405WithAllowAndTheErrorShape() throws Exception {
        Answer answer = send("TRACE", "/products", admin(), -1, "");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.head()).containsPattern("(?i)\r\nallow: [A-Z, ]*GET[A-Z, ]*\r\n").doesNotContainPattern("(?i)allow:[^\r]*TRACE");
        answer.hasErrorShape();
    }

    @Test
    void a401BeforeTheBodyIsReadClosesTheConnection() throws Exception {
        Answer anonymous = send("POST", "/products", null, 20, "");
        Answer wrongPassword = send("POST", "/products", basic(ServiceTestApp.CLERK, "wrong"), 20, "");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.closes()).as(anonymous.head()).isTrue();
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.closes()).as(wrongPassword.head()).isTrue();
        anonymous.hasErrorShape();
    }

    @Test
    void a413ForADeclaredLengthClosesTheConnection() throws Exception {
        Answer answer = send("POST", "/products", admin(), 5_000_000, "");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.closes()).as(answer.head()).isTrue();
    }

    @Test
    void anAnswerAfterTheBodyWasReadKeepsTheConnection() throws Exception {
        String created = "{\"name\": \"Kept " + UUID.randomUUID() + "\"}";
        String invalid = "{\"name\": \"   \"}";  // read to its end, then refused by validation

        Answer ok = send("POST", "/products", admin(), created.length(), created);
        Answer refused = send("POST", "/products", admin(), invalid.length(), invalid);
        Answer get = send("GET", "/products/999999999", admin(), -1, "");

        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.closes()).as(ok.head()).isFalse();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.closes()).as(refused.head()).isFalse();
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.closes()).isFalse();
    }
}
