package org.geoetl.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the deployment keys into the Spring and Camel settings they imply, before anything binds:
 * <ul>
 * <li>{@code geoetl.roles} given as a list ({@code GEOETL_ROLES=worker-heavy,worker-light}) sets each
 *     role flag: the listed ones on, every other one off;</li>
 * <li>{@code geoetl.roles.api=false} leaves the REST routes stopped (Camel's auto-startup exclude
 *     pattern, by route id): a stopped platform-http route registers no path, so such a process
 *     serves the probes and the actuator only. (Camel's route filter would not do: it does not
 *     apply to the routes the REST DSL makes.)</li>
 * <li>{@code geoetl.broker.url} makes the process an Artemis client of that broker instead of
 *     starting the embedded one.</li>
 * </ul>
 * This runs before the properties are bound, so it reads raw values; GeoEtlProperties validates them.
 */
public class DeploymentEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "geoetlDeployment";
    static final List<String> ROLES = List.of("api", "orchestrator", "worker-heavy", "worker-light", "scheduler");

    /**
     * REST verbs (rest-*) and the routes behind them (api-*), except the probes. A regex: Camel's
     * route filter matches ids exactly, by wildcard, or by regex; the list is comma-separated, so
     * the pattern has no comma.
     */
    static final String API_ROUTES = "^(rest|api)-(?!(livez|readyz|health|probe-live|probe-ready|probe-health)$).*";

    /** The same routes' health checks, whose ids may carry Camel's "route:" prefix. */
    static final String API_ROUTE_CHECKS = "^(route:)?(rest|api)-(?!(livez|readyz|health|probe-live|probe-ready|probe-health)$).*";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();
        String list = environment.getProperty("geoetl.roles");
        if (list != null && !list.isBlank()) {
            derived.putAll(roleFlags(list));
        }
        String api = String.valueOf(derived.getOrDefault("geoetl.roles.api",
                environment.getProperty("geoetl.roles.api", "true")));
        if (!Boolean.parseBoolean(api.trim())) {
            derived.put("camel.main.auto-startup-exclude-pattern", API_ROUTES);
            // Camel's route health check would report the routes left stopped as DOWN
            derived.put("camel.health.exclude-pattern", API_ROUTE_CHECKS);
        }
        String brokerUrl = environment.getProperty("geoetl.broker.url");
        if (brokerUrl != null && !brokerUrl.isBlank()) {
            derived.put("spring.artemis.mode", "native");
            derived.put("spring.artemis.broker-url", brokerUrl.trim());
            derived.put("spring.artemis.embedded.enabled", "false");
        }
        if (!derived.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, derived));
        }
    }

    /** The flags a role list stands for; an unknown role name stops the start with the valid ones. */
    static Map<String, Object> roleFlags(String list) {
        Set<String> given = new java.util.TreeSet<>();
        for (String role : list.split(",")) {
            String r = role.trim().toLowerCase(Locale.ROOT);
            if (!r.isEmpty() && !ROLES.contains(r)) {
                throw new IllegalArgumentException("geoetl.roles: unknown role '" + r + "'; roles are " + ROLES);
            }
            if (!r.isEmpty()) {
                given.add(r);
            }
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("geoetl.roles: no role given; roles are " + ROLES);
        }
        Map<String, Object> flags = new LinkedHashMap<>();
        for (String role : ROLES) {
            flags.put("geoetl.roles." + role, String.valueOf(given.contains(role)));
        }
        return flags;
    }
}
