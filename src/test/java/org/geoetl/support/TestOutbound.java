package org.geoetl.support;

import java.time.Duration;
import java.util.List;
import org.geoetl.net.OutboundGuard;
import org.geoetl.net.OutboundHttp;
import org.geoetl.net.OutboundProperties;
import org.springframework.util.unit.DataSize;

/**
 * An outbound policy for tests of source clients against replay servers: http allowed, loopback
 * tolerated for 127.0.0.1 only. The metadata and private addresses are in allowed-hosts on purpose,
 * so a refusal of them proves the address check, not merely the host allow-list.
 */
public final class TestOutbound {

    private TestOutbound() {
    }

    public static OutboundProperties policy() {
        return new OutboundProperties(List.of("http", "https"), List.of("127.0.0.1", "169.254.169.254", "10.0.0.1"),
                List.of("127.0.0.1"), Duration.ofSeconds(2), Duration.ofSeconds(10), 3, DataSize.ofMegabytes(64));
    }

    public static OutboundHttp loopback() {
        OutboundProperties policy = policy();
        return new OutboundHttp(new OutboundGuard(policy), policy);
    }
}
