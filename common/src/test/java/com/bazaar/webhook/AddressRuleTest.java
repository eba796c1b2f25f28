package com.bazaar.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressRuleTest {

    static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "0.0.0.0", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
        "169.254.169.254", "100.64.0.1", "100.100.100.200", "192.0.0.8", "198.18.0.1", "224.0.0.1", "255.255.255.255",
        "::1", "::", "fe80::1", "fec0::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.1.1.1",
        "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a00:1", "2001:db8::1"})
    void refusesEveryAddressOutsideThePublicInternet(String literal) throws UnknownHostException {
        assertThat(AddressRule.refusal(address(literal))).as(literal).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
        "169.253.1.1", "2606:2800:220:1:248:1893:25c8:1946", "2a00:1450:4001:81b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(AddressRule.refusal(address(literal))).as(literal).isEmpty();
    }

    @Test
    void oneRefusedAnswerRefusesTheHost() throws UnknownHostException {
        assertThat(AddressRule.refusal(List.of(address("93.184.216.34"), address("10.0.0.1"))))
                .hasValue("10.0.0.1 is private");
        assertThat(AddressRule.refusal(List.of(address("93.184.216.34"), address("8.8.8.8")))).isEmpty();
    }
}
