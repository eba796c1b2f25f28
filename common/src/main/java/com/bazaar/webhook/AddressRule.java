package com.bazaar.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a webhook may not be delivered to: anything that is not the public internet, so that a
 * subscription cannot make the dispatcher call the machine it runs on, the private network around it or a cloud's
 * metadata service (169.254.169.254, fd00:ec2::254 and 100.100.100.200 fall in the ranges below).
 */
public final class AddressRule {
    private AddressRule() {
    }

    /** Why {@code address} is refused, or empty if it is a public address. */
    public static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<InetAddress> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return refusal(embedded.get());
            }
            if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
                return Optional.of(address.getHostAddress() + " is this machine");
            }
            if (address.isLinkLocalAddress() || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return Optional.of(address.getHostAddress() + " is link-local");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of(address.getHostAddress() + " is private (unique local)");
            }
            if (address.isMulticastAddress()) {
                return Optional.of(address.getHostAddress() + " is multicast");
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
                return Optional.of(address.getHostAddress() + " is reserved for documentation");
            }
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 127 || first == 0) {
            return Optional.of(address.getHostAddress() + " is this machine");
        }
        if (first == 169 && second == 254) {
            return Optional.of(address.getHostAddress() + " is link-local (cloud metadata lives here)");
        }
        if (first == 10 || first == 172 && second >= 16 && second <= 31 || first == 192 && second == 168) {
            return Optional.of(address.getHostAddress() + " is private");
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return Optional.of(address.getHostAddress() + " is shared (carrier-grade NAT) address space");
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0 || first == 198 && (second == 18 || second == 19)) {
            return Optional.of(address.getHostAddress() + " is reserved for special use");
        }
        if (first >= 224) {
            return Optional.of(address.getHostAddress() + " is multicast, reserved or broadcast");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 address. */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        boolean zeros = Arrays.equals(Arrays.copyOf(b, 10), new byte[10]);
        boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        boolean nat64 = b[0] == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /** The first refusal among {@code addresses}: one private answer is enough to refuse a host. */
    public static Optional<String> refusal(Iterable<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }
}
