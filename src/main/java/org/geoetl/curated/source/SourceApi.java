package org.geoetl.curated.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.geoetl.engine.handler.PermanentTaskException;

/**
 * A remote reference-data API as errors name it, with the environment variables holding its
 * credentials. Values are read through {@code env} when needed and never kept in messages: the
 * variable names are what an operator acts on.
 *
 * @param name                how messages name the source, e.g. "IBAT"
 * @param credentialVariables the variables the source needs, e.g. WDPA_AUTH_KEY and WDPA_AUTH_TOKEN
 * @param env                 the environment lookup (System::getenv in production)
 */
public record SourceApi(String name, List<String> credentialVariables, UnaryOperator<String> env) {

    /* Shorter values are too likely to occur by chance in an error text to be worth masking. */
    private static final int MIN_REDACTED_LENGTH = 3;

    public SourceApi {
        Objects.requireNonNull(name, "name");
        credentialVariables = List.copyOf(credentialVariables);
        Objects.requireNonNull(env, "env");
    }

    /** Every credential by variable name, or a PermanentTaskException naming those unset or blank. */
    public Map<String, String> credentials() {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String variable : credentialVariables) {
            String value = env.apply(variable);
            if (value == null || value.isBlank()) {
                missing.add(variable);
            } else {
                values.put(variable, value.strip());
            }
        }
        if (!missing.isEmpty()) {
            throw new PermanentTaskException(name + " credentials are not configured: set " + and(missing)
                    + " in the service's environment");
        }
        return values;
    }

    /** "A and B" (or "A, B and C"): the variables as a message names them. */
    public String variables() {
        return and(credentialVariables);
    }

    /** {@code text} with every configured credential value masked, whatever echoed it. */
    String redact(String text) {
        String result = text;
        for (String variable : credentialVariables) {
            String value = env.apply(variable);
            if (value != null && value.strip().length() >= MIN_REDACTED_LENGTH) {
                result = result.replace(value.strip(), "<redacted>");
            }
        }
        return result;
    }

    private static String and(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
