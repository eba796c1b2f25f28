package com.bazaar.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a URL may receive webhooks: absolute https (http too when private addresses are allowed), a host, no
 * credentials or fragment, at most 2048 characters, and every address its host resolves to public (see
 * {@link AddressRule}). The service checks it at subscription, the dispatcher the addresses again before each
 * delivery (DNS answers change).
 */
public final class WebhookUrl {
    public static final int MAX_LENGTH = 2048;

    /** How a host name becomes addresses: the system's resolver, or a fake in tests. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private WebhookUrl() {
    }

    /** What is wrong with {@code url} as written, or empty. */
    public static Optional<String> syntaxProblem(String url, boolean allowPrivate) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("url must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !(allowPrivate && "http".equals(scheme))) {
            return Optional.of(allowPrivate ? "url must be an absolute http or https URL"
                    : "url must be an absolute https URL (plain http only with WEBHOOK_ALLOW_PRIVATE=true, for development)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("url must not carry credentials (user:password@): it is shown to every admin");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("url must not have a fragment (#...)");
        }
        return Optional.empty();
    }

    /** Why the host of a syntactically good {@code url} may not be called, or empty. */
    public static Optional<String> addressProblem(String url, Resolver resolver) {
        String host = URI.create(url).getHost();
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("url's host " + host + " does not resolve");
        }
        return AddressRule.refusal(addresses).map(refused -> "url's host " + host + " resolves to " + refused
                + ": webhooks go to public addresses only");
    }
}
