package org.geoetl.net;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.geoetl.error.GeoEtlException;

/**
 * An outbound request the policy does not allow (HTTP 400: the URL or the peer's answer is at
 * fault, a retry cannot help). The message names the rule and the host only: never the path or
 * query, which may carry API keys, and never a redirect's raw Location value.
 */
public class OutboundRefusedException extends GeoEtlException {

    /** Which check refused; also in {@link #details()} as {@code rule}. */
    public enum Rule {
        SCHEME, USERINFO, NO_HOST, NUMERIC_HOST, HOST_NOT_ALLOWED, UNRESOLVED, BLOCKED_ADDRESS,
        REDIRECT_LOCATION, TOO_MANY_REDIRECTS, RESPONSE_TOO_LARGE, HEADER
    }

    private final Rule rule;
    private final String host;

    public OutboundRefusedException(Rule rule, String host, String reason) {
        super(400, message(rule, host, reason), details(rule, host));
        this.rule = rule;
        this.host = host;
    }

    public Rule rule() {
        return rule;
    }

    /** The host the refusal is about; null when the URI had none. */
    public String host() {
        return host;
    }

    private static String message(Rule rule, String host, String reason) {
        String rule1 = rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return "outbound request refused (" + rule1 + ")" + (host == null ? "" : " for host " + host) + ": " + reason;
    }

    private static Map<String, Object> details(Rule rule, String host) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", rule.name());
        if (host != null) {
            details.put("host", host);
        }
        return details;
    }
}
