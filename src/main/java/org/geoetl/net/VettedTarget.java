package org.geoetl.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;

/**
 * A URI the guard let through and the addresses it vetted for it. The connection must go to these
 * addresses only: resolving the host again would let a DNS answer change between check and use.
 *
 * @param uri       the checked URI (unchanged)
 * @param host      its host, lower-cased, IPv6 brackets removed
 * @param addresses every address the host resolved to, all of them vetted; defensive copies
 */
public record VettedTarget(URI uri, String host, InetAddress[] addresses) {

    public VettedTarget {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(host, "host");
        if (addresses == null || addresses.length == 0) {
            throw new IllegalArgumentException("a vetted target needs at least one address");
        }
        addresses = addresses.clone();
    }

    @Override
    public InetAddress[] addresses() {
        return addresses.clone();
    }
}
