package org.geoetl.api;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * What of an HTTP request becomes a Camel header: only the parameters the REST definitions
 * declare (path and query) and the content type. Everything else — {@code Host},
 * {@code X-Forwarded-*}, a {@code ?CamelHttpResponseCode=} or {@code ?geoetlVerb=} in the query —
 * is dropped, so a route can only read what the API documents or what it set itself.
 */
@Component("apiHeaderFilter")
public class ApiHeaderFilter extends HttpHeaderFilterStrategy {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> ALWAYS = Set.of("content-type", "accept");

    private volatile Set<String> declared;

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        if (name == null) {
            return true;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return !(ALWAYS.contains(n) || declared(exchange.getContext()).contains(n));
    }

    Set<String> declared(CamelContext context) {
        Set<String> d = declared;
        if (d == null) {
            d = new HashSet<>();
            Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
            for (RestDefinition rest : model.getRestDefinitions()) {
                collect(rest.getPath(), d);
                for (VerbDefinition verb : rest.getVerbs()) {
                    collect(verb.getPath(), d);
                    for (ParamDefinition p : verb.getParams()) {
                        d.add(p.getName().toLowerCase(Locale.ROOT));
                    }
                }
            }
            declared = Set.copyOf(d);
        }
        return declared;
    }

    private static void collect(String path, Set<String> names) {
        if (path != null) {
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                names.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
    }
}
