package org.geoetl.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.geoetl.net.OutboundRefusedException.Rule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether a URI may be fetched, before any connection: scheme and host allow-lists, no
 * userinfo, no odd numeric host spellings, then one DNS resolution whose every address must be
 * public unicast (unless the host is in allowed-private-hosts). The caller must connect to the
 * returned addresses only; {@link OutboundHttp} does.
 */
@Component
public class OutboundGuard {

    /** Name resolution, replaceable so tests need no DNS. Called at most once per check. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /* The only numeric IPv4 spelling accepted: four decimal parts 0-255 without leading zeros. */
    private static final Pattern CANONICAL_V4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /* A last label like these makes resolvers (inet_aton, WHATWG URL) read the host as a number. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0x[0-9a-f]*");

    private final OutboundProperties properties;
    private final Resolver resolver;

    @Autowired
    public OutboundGuard(OutboundProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    public OutboundGuard(OutboundProperties properties, Resolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
    }

    public OutboundProperties properties() {
        return properties;
    }

    /**
     * Vets {@code uri} or throws {@link OutboundRefusedException} naming the rule.
     *
     * @throws UnknownHostException the host does not resolve (possibly transient, so not a refusal)
     */
    public VettedTarget check(URI uri) throws UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!properties.allowedSchemes().contains(scheme)) {
            throw new OutboundRefusedException(Rule.SCHEME, null, "scheme '" + scheme + "' is not allowed");
        }
        if (uri.getRawUserInfo() != null) {
            // user:pass@ in a URL leaks credentials to logs and is a classic allow-list confusion trick
            throw new OutboundRefusedException(Rule.USERINFO, hostOf(uri), "credentials in the URL are not allowed");
        }
        String host = hostOf(uri);
        if (host == null || host.isEmpty()) {
            throw new OutboundRefusedException(Rule.NO_HOST, null, "the URL has no valid host");
        }
        if (looksNumeric(host) && !CANONICAL_V4.matcher(host).matches()) {
            throw new OutboundRefusedException(Rule.NUMERIC_HOST, host,
                    "a numeric host must be a dotted-quad IPv4 address (no decimal, octal or hex forms)");
        }
        if (!matchesAny(host, properties.allowedHosts())) {
            throw new OutboundRefusedException(Rule.HOST_NOT_ALLOWED, host, "the host is not in allowed-hosts");
        }
        InetAddress[] addresses = resolve(host);
        if (!matchesAny(host, properties.allowedPrivateHosts())) {
            for (InetAddress address : addresses) {
                Optional<String> range = AddressRanges.blocked(address);
                if (range.isPresent()) {
                    throw new OutboundRefusedException(Rule.BLOCKED_ADDRESS, host,
                            "it resolves to " + address.getHostAddress() + " in the blocked range " + range.get());
                }
            }
        }
        return new VettedTarget(uri, host, addresses);
    }

    /** Lower-cased host without IPv6 brackets; null for opaque or registry-based authorities. */
    static String hostOf(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /* IPv4-like if the last non-empty label is numeric: 2130706433, 0x7f.1, 127.1, 127.0.0.1. */
    private static boolean looksNumeric(String host) {
        if (host.indexOf(':') >= 0) {
            return false; // IPv6 literal, parsed strictly by InetAddress
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(last).matches();
    }

    /** Exact name, or {@code *.suffix} matching any name ending in {@code .suffix} (not the apex). */
    static boolean matchesAny(String host, List<String> patterns) {
        for (String pattern : patterns) {
            if (pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1
                    : host.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses;
        if (host.indexOf(':') >= 0 || CANONICAL_V4.matcher(host).matches()) {
            // a literal: parsed, never looked up (brackets make a malformed IPv6 literal fail, not resolve)
            addresses = new InetAddress[] {InetAddress.getByName(host.indexOf(':') >= 0 ? "[" + host + "]" : host)};
        } else {
            addresses = resolver.resolve(host);
        }
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        return addresses.clone();
    }
}
