package com.bazaar.service.webhook;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static com.bazaar.service.tier.ResourceTier.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bazaar.service.tier.Catalog;
import com.bazaar.service.tier.ResourceTier;
import com.bazaar.webhook.Delivery;
import com.bazaar.webhook.SecretBox;
import com.bazaar.webhook.Subscription;
import com.bazaar.webhook.WebhookDao;
import com.bazaar.webhook.WebhookEvent;
import com.bazaar.webhook.WebhookStatus;
import com.bazaar.webhook.WebhookUrl;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

/** The subscription endpoints' rules on a fake DAO and a fake resolver: who may, what is refused, what is never shown. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookResourceTest {
    static final SecretBox BOX = new SecretBox(new byte[32]);
    static final UUID ID = UUID.fromString("7d3c6c53-3c1d-4b8e-9d55-0e7f1a2b3c4d");
    static final UUID UNKNOWN = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");
    static final Subscription HOOK = new Subscription(ID, "https://hooks.example.com/bazaar",
            List.of(WebhookEvent.INVENTORY_CHANGED), null, WebhookStatus.ACTIVE, CREATED);
    static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "internal.example.com", List.of("10.1.2.3"),
            "half.example.com", List.of("93.184.216.34", "127.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"));
    static final WebhookUrl.Resolver RESOLVER = host -> {
        if (!DNS.containsKey(host)) {
            return List.of(InetAddress.getByName(literal(host)));
        }
        return DNS.get(host).stream().map(WebhookResourceTest::address).toList();
    };
    static final WebhookDao WEBHOOKS = mock(WebhookDao.class);
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new WebhookResource(WEBHOOKS, Catalog.ids(), Optional.of(BOX), false, RESOLVER)).build();
    static final ResourceExtension DEVELOPMENT = ResourceTier.builder()
            .addResource(new WebhookResource(WEBHOOKS, Catalog.ids(), Optional.of(BOX), true, RESOLVER)).build();
    static final ResourceExtension NO_KEY = ResourceTier.builder()
            .addResource(new WebhookResource(WEBHOOKS, Catalog.ids(), Optional.empty(), false, RESOLVER)).build();

    /** Literal addresses only: the fake has no DNS beyond {@link #DNS}. */
    static String literal(String host) throws UnknownHostException {
        if (host.matches("[0-9.]+") || host.startsWith("[") || host.contains(":")) {
            return host;
        }
        throw new UnknownHostException(host);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @BeforeEach
    void oneSubscription() {
        reset(WEBHOOKS);
        when(WEBHOOKS.findById(ID)).thenReturn(Optional.of(HOOK));
        when(WEBHOOKS.findAll()).thenReturn(List.of(HOOK));
        when(WEBHOOKS.delete(eq(ID), anyString())).thenReturn(true);
        when(WEBHOOKS.resume(eq(ID), anyString())).thenReturn(Optional.of(HOOK));
        when(WEBHOOKS.deliveries(eq(ID), any(Integer.class))).thenReturn(List.of(new Delivery(UUID.randomUUID(),
                "inventory.changed", 41, 1, 200, null, 12, CREATED)));
        when(WEBHOOKS.create(any(), anyString(), any(), any(), any(), anyString())).thenAnswer(call -> new Subscription(
                call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3), WebhookStatus.ACTIVE, CREATED));
    }

    static Response post(ResourceExtension resources, String body) {
        return as(resources, ResourceTier.ADMIN, "/webhooks").post(json(body));
    }

    /** A GET as the admin; a query in {@code path} goes through the target (a ? in a path would be escaped). */
    static Response get(String path) {
        String[] parts = path.split("\\?", 2);
        var target = RESOURCES.target(parts[0]);
        if (parts.length == 2) {
            String[] pair = parts[1].split("=", 2);
            target = target.queryParam(pair[0], pair[1]);
        }
        return as(ResourceTier.ADMIN, target).get();
    }

    static String subscribe(String url) {
        return "{\"url\": \"" + url + "\", \"events\": [\"inventory.changed\"]}";
    }

    @Test
    void aSubscriptionIs201WithItsSecretOnceAndTheSecretIsStoredSealed() {
        Response response = post(RESOURCES, "{\"url\": \"https://hooks.example.com/bazaar\", "
                + "\"events\": [\"inventory.changed\", \"stock.low\"], \"storeId\": 1}");

        assertThat(response.getStatus()).isEqualTo(201);
        var body = response.readEntity(WebhookResource.Created.class);
        assertThat(body.secret()).startsWith("whsec_").hasSize("whsec_".length() + 43);
        assertThat(body.events()).containsExactly(WebhookEvent.INVENTORY_CHANGED, WebhookEvent.STOCK_LOW);
        assertThat(body.storeId()).isEqualTo(1L);
        assertThat(body.status()).isEqualTo(WebhookStatus.ACTIVE);
        assertThat(response.getLocation().getPath()).isEqualTo("/webhooks/" + body.id());
        var sealed = ArgumentCaptor.forClass(byte[].class);
        verify(WEBHOOKS).create(eq(body.id()), eq("https://hooks.example.com/bazaar"),
                eq(List.of(WebhookEvent.INVENTORY_CHANGED, WebhookEvent.STOCK_LOW)), eq(1L), sealed.capture(), eq(ResourceTier.ADMIN));
        assertThat(new String(sealed.getValue(), StandardCharsets.ISO_8859_1)).doesNotContain(body.secret().substring(6, 20));
        assertThat(BOX.open(body.id(), sealed.getValue())).isEqualTo(body.secret());
    }

    @Test
    void everySubscriptionGetsItsOwnSecret() {
        String first = post(RESOURCES, subscribe("https://hooks.example.com/a")).readEntity(WebhookResource.Created.class).secret();
        String second = post(RESOURCES, subscribe("https://hooks.example.com/a")).readEntity(WebhookResource.Created.class).secret();

        assertThat(first).isNotEqualTo(second);
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": [\"inventory.updated\"]}", "'inventory.updated' is not an event"),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": [\"movement.rejected\"]}", "'movement.rejected' is not an event"),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": []}", "events"),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": [\"stock.low\", \"stock.low\"]}", "named twice"),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": [null]}", "events[0] is null"),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": \"stock.low\"}", ""),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": [7]}", ""),
                Arguments.of("{\"url\": \"https://hooks.example.com/\"}", "events"),
                Arguments.of("{\"events\": [\"stock.low\"]}", "url"),
                Arguments.of("{\"url\": 42, \"events\": [\"stock.low\"]}", ""),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": [\"stock.low\"], \"secret\": \"mine\"}", "secret"),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": [\"stock.low\"], \"storeId\": 0}", "storeId"),
                Arguments.of("{\"url\": \"https://hooks.example.com/\", \"events\": [\"stock.low\"], \"storeId\": \"1\"}", ""),
                Arguments.of(subscribe("http://hooks.example.com/"), "https"),
                Arguments.of(subscribe("ftp://hooks.example.com/"), "https"),
                Arguments.of(subscribe("/relative/path"), "https"),
                Arguments.of(subscribe("not a url"), "url"),
                Arguments.of(subscribe("https:///no-host"), "host"),
                Arguments.of(subscribe("https://user:pw@hooks.example.com/"), "credentials"),
                Arguments.of(subscribe("https://hooks.example.com/#top"), "fragment"),
                Arguments.of(subscribe("https://hooks.example.com/" + "a".repeat(2048)), "2048"),
                Arguments.of(subscribe("https://127.0.0.1/hook"), "this machine"),
                Arguments.of(subscribe("https://[::1]/hook"), "this machine"),
                Arguments.of(subscribe("https://0.0.0.0/hook"), "this machine"),
                Arguments.of(subscribe("https://10.0.0.8/hook"), "private"),
                Arguments.of(subscribe("https://192.168.1.1/hook"), "private"),
                Arguments.of(subscribe("https://172.20.0.1/hook"), "private"),
                Arguments.of(subscribe("https://[fd00:ec2::254]/hook"), "private"),
                Arguments.of(subscribe("https://[::ffff:10.0.0.1]/hook"), "private"),
                Arguments.of(subscribe("https://169.254.169.254/latest/meta-data"), "link-local"),
                Arguments.of(subscribe("https://[fe80::1]/hook"), "link-local"),
                Arguments.of(subscribe("https://100.100.100.200/hook"), "carrier-grade"),
                Arguments.of(subscribe("https://internal.example.com/hook"), "10.1.2.3 is private"),
                Arguments.of(subscribe("https://half.example.com/hook"), "127.0.0.1 is this machine"),
                Arguments.of(subscribe("https://metadata.example.com/hook"), "169.254.169.254"),
                Arguments.of(subscribe("https://nowhere.invalid/hook"), "does not resolve"),
                Arguments.of("not json", ""),
                Arguments.of("[]", ""));
    }

    @ParameterizedTest
    @MethodSource("refusedBodies")
    void aBadSubscriptionIs400SayingWhyAndStoresNothing(String body, String because) {
        Response response = post(RESOURCES, body);

        assertThat(response.getStatus()).as(body).isEqualTo(400);
        assertThat(errorMessage(response)).contains(because);
        verify(WEBHOOKS, never()).create(any(), any(), any(), any(), any(), any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9999/hook", "http://localhost:9999/hook", "https://10.0.0.8/hook"})
    void withPrivateAddressesAllowedHttpAndLocalReceiversAreAccepted(String url) {
        assertThat(post(DEVELOPMENT, subscribe(url)).getStatus()).isEqualTo(201);
    }

    @Test
    void withPrivateAddressesAllowedOtherSchemesAreStill400() {
        Response response = post(DEVELOPMENT, subscribe("ftp://127.0.0.1/hook"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("http or https");
    }

    @Test
    void anUnknownStoreIs404() {
        Response response = post(RESOURCES, "{\"url\": \"https://hooks.example.com/\", \"events\": [\"stock.low\"], \"storeId\": "
                + Catalog.MISSING + "}");

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(errorMessage(response)).isEqualTo("Store " + Catalog.MISSING + " not found");
        verify(WEBHOOKS, never()).create(any(), any(), any(), any(), any(), any());
    }

    @Test
    void withoutASecretKeyASubscriptionIs503AndReadsStillWork() {
        Response created = post(NO_KEY, subscribe("https://hooks.example.com/"));
        Response listed = as(NO_KEY, ResourceTier.ADMIN, "/webhooks").get();

        assertThat(created.getStatus()).isEqualTo(503);
        assertThat(created.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(errorMessage(created)).contains("WEBHOOK_SECRET_KEY");
        assertThat(listed.getStatus()).isEqualTo(200);
    }

    @Test
    void readsNeverShowTheSecret() {
        String list = as(RESOURCES, ResourceTier.ADMIN, "/webhooks").get(String.class);
        String one = as(RESOURCES, ResourceTier.ADMIN, "/webhooks/" + ID).get(String.class);

        assertThat(list).contains("\"id\":\"" + ID + "\"", "\"events\":[\"inventory.changed\"]", "\"status\":\"active\"",
                "\"storeId\":null").doesNotContain("secret");
        assertThat(one).contains("\"url\":\"https://hooks.example.com/bazaar\"").doesNotContain("secret");
    }

    @Test
    void deleteIs204AndResumeAndDeliveriesAnswerForAKnownId() {
        assertThat(as(RESOURCES, ResourceTier.ADMIN, "/webhooks/" + ID).delete().getStatus()).isEqualTo(204);
        assertThat(as(RESOURCES, ResourceTier.ADMIN, "/webhooks/" + ID + "/resume").post(Entity.json("")).getStatus()).isEqualTo(200);
        String deliveries = get("/webhooks/" + ID + "/deliveries?limit=5").readEntity(String.class);

        assertThat(deliveries).contains("\"sequence\":41", "\"attempt\":1", "\"statusCode\":200", "\"durationMs\":12");
        verify(WEBHOOKS).deliveries(ID, 5);
    }

    @Test
    void anUnknownIdIs404OnEveryEndpoint() {
        String path = "/webhooks/" + UNKNOWN;
        assertThat(Stream.of(
                as(RESOURCES, ResourceTier.ADMIN, path).get(),
                as(RESOURCES, ResourceTier.ADMIN, path).delete(),
                as(RESOURCES, ResourceTier.ADMIN, path + "/resume").post(Entity.json("")),
                as(RESOURCES, ResourceTier.ADMIN, path + "/deliveries").get()))
                .allSatisfy(response -> {
                    assertThat(response.getStatus()).isEqualTo(404);
                    assertThat(errorMessage(response)).isEqualTo("Webhook " + UNKNOWN + " not found");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/webhooks/42", "/webhooks/not-a-uuid/deliveries", "/webhooks/" + "7d3c6c53-3c1d-4b8e-9d55-0e7f1a2b3c4d"
            + "/deliveries?limit=0", "/webhooks/7d3c6c53-3c1d-4b8e-9d55-0e7f1a2b3c4d/deliveries?limit=101",
        "/webhooks/7d3c6c53-3c1d-4b8e-9d55-0e7f1a2b3c4d/deliveries?limit=ten"})
    void aBadIdOrLimitIs400(String path) {
        Response response = get(path);

        assertThat(response.getStatus()).as(path).isEqualTo(400);
        assertThat(errorMessage(response)).isNotBlank();
    }

    static Stream<Arguments> endpoints() {
        String one = "/webhooks/" + ID;
        return Stream.of(Arguments.of("POST", "/webhooks"), Arguments.of("GET", "/webhooks"), Arguments.of("GET", one),
                Arguments.of("DELETE", one), Arguments.of("POST", one + "/resume"), Arguments.of("GET", one + "/deliveries"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void onlyAnAdminMayUseWebhooks(String method, String path) {
        Entity<String> body = method.equals("POST") ? json(subscribe("https://hooks.example.com/")) : null;
        for (String user : List.of(ResourceTier.CLERK, ResourceTier.AUDITOR)) {
            Response response = as(RESOURCES, user, path).method(method, body);
            assertThat(response.getStatus()).as(method + " " + path + " as " + user).isEqualTo(403);
            assertThat(errorMessage(response)).isNotBlank();
        }
        Response anonymous = RESOURCES.target(path).request(MediaType.APPLICATION_JSON).method(method, body);
        assertThat(anonymous.getStatus()).as(method + " " + path + " without credentials").isEqualTo(401);
        assertThat(anonymous.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"bazaar\"");
        verify(WEBHOOKS, never()).create(any(), any(), any(), any(), any(), any());
        verify(WEBHOOKS, never()).delete(any(), any());
        verify(WEBHOOKS, never()).resume(any(), any());
    }
}
