package com.bazaar.service.webhook;

import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.webhook.Delivery;
import com.bazaar.webhook.SecretBox;
import com.bazaar.webhook.Subscription;
import com.bazaar.webhook.WebhookDao;
import com.bazaar.webhook.WebhookEvent;
import com.bazaar.webhook.WebhookStatus;
import com.bazaar.webhook.WebhookUrl;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.IntParam;
import io.dropwizard.jersey.params.UUIDParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook subscriptions (admin only): the URL, the events and the store they follow. The worker's dispatcher delivers
 * them (docs/API.md, "Webhooks"); this resource only stores and shows them. The signing secret is made here, shown in
 * the 201 once, and stored sealed (see {@link SecretBox}).
 */
@Path("/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {
    static final int NOT_CONFIGURED_RETRY_SECONDS = 60;
    private final WebhookDao webhooks;
    private final CatalogIds catalog;
    private final Optional<SecretBox> secrets;
    private final boolean allowPrivate;
    private final WebhookUrl.Resolver resolver;

    /**
     * @param secrets      empty when no WEBHOOK_SECRET_KEY is configured: subscriptions can then not be created
     * @param allowPrivate WEBHOOK_ALLOW_PRIVATE: http and private addresses allowed (development only)
     */
    public WebhookResource(WebhookDao webhooks, CatalogIds catalog, Optional<SecretBox> secrets, boolean allowPrivate,
                           WebhookUrl.Resolver resolver) {
        this.webhooks = webhooks;
        this.catalog = catalog;
        this.secrets = secrets;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The 201's body: the subscription and, this once, its signing secret. */
    @Schema(name = "WebhookCreated")
    public record Created(UUID id, String url, List<WebhookEvent> events,
                          @Schema(nullable = true) Long storeId, WebhookStatus status, String secret, Instant createdAt) {
        static Created of(Subscription s, String secret) {
            return new Created(s.id(), s.url(), s.events(), s.storeId(), s.status(), secret, s.createdAt());
        }
    }

    @Schema(name = "WebhookDeliveries")
    public record Deliveries(List<Delivery> deliveries) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createWebhook", summary = "Subscribe a URL to events",
            description = "`url`: absolute `https` (plain `http` only when the operator set `WEBHOOK_ALLOW_PRIVATE=true`), "
                    + "no credentials or fragment, at most 2048 characters; its host must resolve, and only to public "
                    + "addresses (no loopback, private, link-local or cloud metadata address) unless private addresses "
                    + "are allowed. `events`: 1..3 distinct names. `storeId`: only that store's events. Delivery starts "
                    + "with the first change committed after this answer. The signing `secret` is in this answer only.")
    @ApiResponse(responseCode = "201", description = "Subscribed",
            headers = @Header(name = "Location", description = "The subscription's URL", schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Created.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, an unknown field, a bad or refused URL, an unknown "
            + "or repeated event, a storeId that is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No store has this storeId")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(responseCode = "503", description = "Webhooks are off (the service has no WEBHOOK_SECRET_KEY to seal "
            + "secrets with), or the database is unavailable; nothing was stored", headers = @Header(name = "Retry-After",
            description = "Seconds to wait before retrying", schema = @Schema(type = "integer")))
    public Response create(@Auth User user, @NotNull @Valid NewWebhook request, @Context UriInfo uri) {
        List<WebhookEvent> events = events(request.events());
        WebhookUrl.syntaxProblem(request.url(), allowPrivate)
                .or(() -> allowPrivate ? Optional.empty() : WebhookUrl.addressProblem(request.url(), resolver))
                .ifPresent(problem -> {
                    throw new BadRequestException(problem);
                });
        if (request.storeId() != null) {
            catalog.requireStore(request.storeId());
        }
        SecretBox box = secrets.orElseThrow(WebhookResource::notConfigured);
        UUID id = UUID.randomUUID();
        String secret = SecretBox.newSecret();
        Subscription created = webhooks.create(id, request.url(), events, request.storeId(), box.seal(id, secret), user.getName());
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .entity(Created.of(created, secret)).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listWebhooks", summary = "Every subscription, oldest first (never the secrets)")
    @ApiResponse(responseCode = "200", description = "The subscriptions", useReturnTypeSchema = true)
    public List<Subscription> list() {
        return webhooks.findAll();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getWebhook", summary = "One subscription (never its secret)")
    @ApiResponse(responseCode = "200", description = "The subscription", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No subscription has this id")
    public Subscription get(@PathParam("id") @NotNull UUIDParam id) {
        return webhooks.findById(id.get()).orElseThrow(() -> missing(id.get()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteWebhook", summary = "Unsubscribe",
            description = "Removes the subscription and its delivery record. A delivery already on the wire may still "
                    + "arrive; none starts after this answer.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No subscription has this id")
    public Response delete(@Auth User user, @PathParam("id") @NotNull UUIDParam id) {
        if (!webhooks.delete(id.get(), user.getName())) {
            throw missing(id.get());
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "resumeWebhook", summary = "Restart delivery from the first event not delivered",
            description = "A `failing` subscription becomes `active` and its first undelivered event is tried at once; "
                    + "on an `active` one the next try is made at once instead of after its back-off.")
    @ApiResponse(responseCode = "200", description = "The subscription, active", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No subscription has this id")
    public Subscription resume(@Auth User user, @PathParam("id") @NotNull UUIDParam id) {
        return webhooks.resume(id.get(), user.getName()).orElseThrow(() -> missing(id.get()));
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listWebhookDeliveries", summary = "The subscription's recent delivery attempts, newest first",
            description = "The last 100 attempts are kept. `statusCode` is the receiver's answer, or null with `error` "
                    + "saying why there was none (timeout, connection refused, an address refused at delivery).")
    @ApiResponse(responseCode = "200", description = "The attempts", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID, or `limit` is not an integer 1..100")
    @ApiResponse(responseCode = "404", description = "No subscription has this id")
    public Deliveries deliveries(@PathParam("id") @NotNull UUIDParam id,
                                 @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) IntParam limit) {
        webhooks.findById(id.get()).orElseThrow(() -> missing(id.get()));
        return new Deliveries(webhooks.deliveries(id.get(), limit.get()));
    }

    private static List<WebhookEvent> events(List<String> names) {
        List<String> errors = new ArrayList<>();
        List<WebhookEvent> events = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<WebhookEvent> event = name == null ? Optional.empty() : WebhookEvent.byWireName(name);
            if (event.isEmpty()) {
                errors.add("events[" + i + "] " + (name == null ? "is null" : "'" + name + "' is not an event")
                        + ": one of " + WebhookEvent.names());
            } else if (events.contains(event.get())) {
                errors.add("events[" + i + "] '" + name + "' is named twice");
            } else {
                events.add(event.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException(String.join("; ", errors));
        }
        return events;
    }

    private static NotFoundException missing(UUID id) {
        return new NotFoundException("Webhook " + id + " not found");
    }

    private static ServiceUnavailableException notConfigured() {
        return new ServiceUnavailableException("Webhooks are off: the service has no WEBHOOK_SECRET_KEY to seal signing "
                + "secrets with", (long) NOT_CONFIGURED_RETRY_SECONDS);
    }
}
