package org.geoetl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DeploymentEnvironmentTest {

    private static StandardEnvironment environment(Map<String, Object> given) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("given", given));
        new DeploymentEnvironment().postProcessEnvironment(env, null);
        return env;
    }

    @Test
    void aRoleListTurnsTheListedRolesOnAndEveryOtherOff() {
        StandardEnvironment env = environment(Map.of("geoetl.roles", "worker-heavy, Worker-Light",
                "geoetl.roles.api", "true"));
        assertThat(env.getProperty("geoetl.roles.api")).isEqualTo("false");
        assertThat(env.getProperty("geoetl.roles.orchestrator")).isEqualTo("false");
        assertThat(env.getProperty("geoetl.roles.scheduler")).isEqualTo("false");
        assertThat(env.getProperty("geoetl.roles.worker-heavy")).isEqualTo("true");
        assertThat(env.getProperty("geoetl.roles.worker-light")).isEqualTo("true");
        assertThat(env.getProperty("camel.main.auto-startup-exclude-pattern")).isEqualTo(DeploymentEnvironment.API_ROUTES);
        assertThat(env.getProperty("camel.health.exclude-pattern")).isEqualTo(DeploymentEnvironment.API_ROUTE_CHECKS);
        assertThat("route:api-jobs-submit".matches(DeploymentEnvironment.API_ROUTE_CHECKS)).isTrue();
        assertThat("route:api-probe-ready".matches(DeploymentEnvironment.API_ROUTE_CHECKS)).isFalse();
        assertThat("route:worker-light".matches(DeploymentEnvironment.API_ROUTE_CHECKS)).isFalse();
    }

    @Test
    void withTheApiRoleTheRestRoutesStart() {
        assertThat(environment(Map.of("geoetl.roles", "api,orchestrator,scheduler"))
                .getProperty("camel.main.auto-startup-exclude-pattern")).isNull();
        assertThat(environment(Map.of()).getProperty("camel.main.auto-startup-exclude-pattern")).isNull();
        assertThat(environment(Map.of("geoetl.roles.api", "false"))
                .getProperty("camel.main.auto-startup-exclude-pattern")).isEqualTo(DeploymentEnvironment.API_ROUTES);
    }

    @Test
    void theExcludePatternSparesTheProbesOnly() {
        for (String probe : new String[] {"rest-livez", "rest-readyz", "rest-health", "api-probe-live", "api-probe-ready",
                "api-probe-health"}) {
            assertThat(probe.matches(DeploymentEnvironment.API_ROUTES)).as(probe).isFalse();
        }
        for (String api : new String[] {"rest-jobs-submit", "api-jobs-submit", "api-enqueue-job", "rest-livez-extra",
                "api-curated-update", "rest-stac-items"}) {
            assertThat(api.matches(DeploymentEnvironment.API_ROUTES)).as(api).isTrue();
        }
        for (String engine : new String[] {"engine-orchestrator", "worker-heavy", "curated-schedule-sync"}) {
            assertThat(engine.matches(DeploymentEnvironment.API_ROUTES)).as(engine).isFalse();
        }
        assertThat(DeploymentEnvironment.API_ROUTES).doesNotContain(",");
    }

    @Test
    void unknownOrNoRolesStopTheStart() {
        assertThatThrownBy(() -> environment(Map.of("geoetl.roles", "api,worker")))
                .hasMessageContaining("unknown role 'worker'").hasMessageContaining("worker-heavy");
        assertThatThrownBy(() -> environment(Map.of("geoetl.roles", " , "))).hasMessageContaining("no role given");
    }

    @Test
    void aBrokerUrlMakesTheProcessAClientOfThatBroker() {
        StandardEnvironment env = environment(Map.of("geoetl.broker.url", " tcp://broker:61616 "));
        assertThat(env.getProperty("spring.artemis.mode")).isEqualTo("native");
        assertThat(env.getProperty("spring.artemis.broker-url")).isEqualTo("tcp://broker:61616");
        assertThat(env.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
        assertThat(environment(Map.of("geoetl.broker.url", "")).getProperty("spring.artemis.broker-url")).isNull();
    }
}
