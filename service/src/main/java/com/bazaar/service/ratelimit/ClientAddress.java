package com.bazaar.service.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;

/** Who a request comes from, as far as the application port can tell: the key of rate limits and login throttling. */
public class ClientAddress {
    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    /**
     * The peer's address, unless the peer is a trusted proxy: then the nearest address in X-Forwarded-For
     * that is not a trusted proxy itself (the ones further left could be forged by the client).
     */
    String of(String peer, String forwardedFor) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String ip = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            ip = hops[i].strip();
            if (!trustedProxies.contains(ip)) {
                return ip;
            }
        }
        return ip;
    }
}
