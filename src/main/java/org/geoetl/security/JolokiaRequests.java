package org.geoetl.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The parts of Jolokia requests {@link JolokiaAccessFilter} decides on; pure, so the rules are unit-tested. */
final class JolokiaRequests {

    /** One Jolokia request: its type, MBean, operation, and whether it asks to be proxied. */
    record Request(String type, String mbean, String operation, boolean proxied) {
    }

    private static final Set<String> READS = Set.of("read", "list", "search", "version");
    /** Operations of geoetl:name=operator that change nothing (OperatorJmx). */
    private static final Set<String> READ_ONLY_OPERATIONS = Set.of("listQueues");
    private static final String OPERATOR_MBEAN = "geoetl:name=operator";
    /** Domains whose MBeans an admin may change: the service's and Camel's (never the JVM's or Spring's). */
    private static final List<String> WRITABLE_DOMAINS = List.of("geoetl:", "org.apache.camel:");

    private JolokiaRequests() {
    }

    static List<Request> fromJson(JsonNode tree) {
        List<Request> out = new ArrayList<>();
        if (tree.isArray()) {
            tree.forEach(n -> out.add(of(n)));
        } else {
            out.add(of(tree));
        }
        return out;
    }

    private static Request of(JsonNode n) {
        return new Request(n.path("type").asText("").toLowerCase(Locale.ROOT), n.path("mbean").asText(null),
                n.path("operation").asText(null), n.hasNonNull("target"));
    }

    /** A GET: {@code /<type>/<mbean>/<attribute or operation>/…} (empty: version), with Jolokia's {@code !/} escape. */
    static Request fromPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty()) {
            return new Request("version", null, null, false);
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '!' && i + 1 < p.length()) {
                current.append(p.charAt(++i));
            } else if (c == '/') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return new Request(parts.get(0).toLowerCase(Locale.ROOT), parts.size() > 1 ? parts.get(1) : null,
                parts.size() > 2 ? parts.get(2) : null, false);
    }

    /** Why these requests are refused for this caller (an operator, or an admin), or null when they may run. */
    static String refusal(List<Request> requests, boolean admin) {
        for (Request r : requests) {
            if (r.proxied()) {
                return "Jolokia proxy requests (target) are disabled";
            }
            if (READS.contains(r.type()) || isReadOnlyOperation(r)) {
                continue;
            }
            if (!admin) {
                return "Jolokia " + (r.type().isEmpty() ? "requests of this kind" : r.type() + " requests")
                        + " need the admin role (operators may read, list, search and run read-only operations)";
            }
            if (!"exec".equals(r.type()) && !"write".equals(r.type())) {
                return "Jolokia " + r.type() + " requests are not enabled";
            }
            if (r.mbean() == null || WRITABLE_DOMAINS.stream().noneMatch(r.mbean()::startsWith)) {
                return "Jolokia writes are limited to the geoetl and org.apache.camel domains";
            }
        }
        return null;
    }

    private static boolean isReadOnlyOperation(Request r) {
        if (!"exec".equals(r.type()) || !OPERATOR_MBEAN.equals(r.mbean()) || r.operation() == null) {
            return false;
        }
        String op = r.operation();
        int paren = op.indexOf('(');
        return READ_ONLY_OPERATIONS.contains(paren < 0 ? op : op.substring(0, paren));
    }
}
