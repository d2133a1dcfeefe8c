package org.geoetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.geoetl.support.DeployTools;
import org.geoetl.support.HelmRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * helm/geoetl rendered by helm itself (helm-java, in a child JVM: see HelmRunner), for the default
 * values and values-azure.yaml;
 * every manifest validated against the Kubernetes and KEDA schemas (npm kubernetes-models), then
 * read for what the deployment relies on.
 */
class HelmChartIT {

    private static final Path CHART = Path.of("helm", "geoetl").toAbsolutePath();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @BeforeAll
    static void tools() throws Exception {
        DeployTools.install();
    }

    @Test
    void theChartLintsClean() throws Exception {
        HelmRunner.Run lint = HelmRunner.lint(CHART);
        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output().lines()).as("only informational findings (the chart has no icon)")
                .allMatch(l -> l.startsWith("[INFO]"));
    }

    @Test
    void defaultValuesRenderValidManifestsOnAStandaloneBroker() throws Exception {
        Map<String, List<JsonNode>> byKind = renderAndValidate("default", null);
        assertThat(byKind.keySet()).containsExactlyInAnyOrder("ConfigMap", "Secret", "ServiceAccount", "Deployment",
                "Service", "PodDisruptionBudget");
        assertRoleGroups(byKind);
        JsonNode config = byKind.get("ConfigMap").get(0).path("data");
        assertThat(config.path("GEOETL_BROKER_URL").asText()).startsWith("tcp://");
        assertThat(config.has("SPRING_PROFILES_ACTIVE")).isFalse();
        for (JsonNode d : byKind.get("Deployment")) {
            assertThat(d.at("/spec/template/metadata/labels").has("azure.workload.identity/use")).isFalse();
        }
    }

    @Test
    void azureValuesAddServiceBusScalingAndWorkloadIdentity() throws Exception {
        Map<String, List<JsonNode>> byKind = renderAndValidate("azure", CHART.resolve("values-azure.yaml"));
        assertRoleGroups(byKind);
        JsonNode config = byKind.get("ConfigMap").get(0).path("data");
        assertThat(config.path("SPRING_PROFILES_ACTIVE").asText()).isEqualTo("azure");
        assertThat(config.has("GEOETL_BROKER_URL")).isFalse();
        assertThat(config.path("GEOETL_SERVICEBUS_AUTH").asText())
                .isEqualTo("credentialType=AZURE_IDENTITY&fullyQualifiedNamespace=geoetl-bus.servicebus.windows.net");
        assertThat(config.path("GEOETL_DATABASE_ENTRA_ENABLED").asText()).isEqualTo("true");
        assertThat(config.path("GEOETL_STORAGE_DEFAULTACCOUNT").asText()).isEqualTo("azure");
        JsonNode account = byKind.get("ServiceAccount").get(0);
        assertThat(account.at("/metadata/annotations/azure.workload.identity~1client-id").asText())
                .isEqualTo("00000000-0000-0000-0000-000000000000");
        for (JsonNode d : byKind.get("Deployment")) {
            assertThat(d.at("/spec/template/metadata/labels/azure.workload.identity~1use").asText()).isEqualTo("true");
        }

        JsonNode auth = byKind.get("TriggerAuthentication").get(0);
        assertThat(auth.at("/spec/podIdentity/provider").asText()).isEqualTo("azure-workload");
        Map<String, JsonNode> scaled = byComponent(byKind.get("ScaledObject"));
        assertThat(scaled.keySet()).containsExactlyInAnyOrder("worker-heavy", "worker-light");
        assertThat(scaled.get("worker-heavy").at("/spec/triggers/0/metadata/queueName").asText()).isEqualTo("container-tasks");
        assertThat(scaled.get("worker-light").at("/spec/triggers/0/metadata/queueName").asText()).isEqualTo("functionapp-tasks");
        Map<String, JsonNode> deployments = byComponent(byKind.get("Deployment"));
        for (JsonNode s : scaled.values()) {
            JsonNode trigger = s.at("/spec/triggers/0");
            assertThat(trigger.path("type").asText()).isEqualTo("azure-servicebus");
            assertThat(trigger.at("/metadata/messageCount").asText()).matches("[1-9][0-9]*");
            assertThat(trigger.at("/metadata/namespace").asText()).isEqualTo("geoetl-bus");
            assertThat(trigger.at("/authenticationRef/name").asText()).isEqualTo(auth.at("/metadata/name").asText());
            String target = s.at("/spec/scaleTargetRef/name").asText();
            JsonNode deployment = deployments.get(s.at("/metadata/labels/app.kubernetes.io~1component").asText());
            assertThat(deployment.at("/metadata/name").asText()).isEqualTo(target);
            assertThat(deployment.at("/spec").has("replicas")).as("KEDA owns the replica count").isFalse();
        }
    }

    @Test
    void aGracePeriodNoLongerThanTheShutdownTimeoutIsRefused() throws Exception {
        Path out = Path.of("target", "helm", "refused.yaml");
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        HelmRunner.Run refused = HelmRunner.template(CHART, out, null, "terminationGracePeriodSeconds=60");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("terminationGracePeriodSeconds must be larger than shutdownTimeoutSeconds");
        assertThat(out).doesNotExist();
    }

    /** One Deployment per role group, each with its roles, probes, resources, grace period and a PDB; a Service for the API. */
    private static void assertRoleGroups(Map<String, List<JsonNode>> byKind) {
        Map<String, JsonNode> deployments = byComponent(byKind.get("Deployment"));
        assertThat(deployments.keySet()).containsExactlyInAnyOrder("api", "worker-heavy", "worker-light");
        assertThat(byComponent(byKind.get("PodDisruptionBudget")).keySet()).isEqualTo(deployments.keySet());
        int shutdownTimeout = Integer.parseInt(byKind.get("ConfigMap").get(0).at("/data/CAMEL_MAIN_SHUTDOWNTIMEOUT").asText());
        assertThat(shutdownTimeout).isEqualTo(60);
        Map<String, String> roles = Map.of("api", "api,orchestrator,scheduler", "worker-heavy", "worker-heavy",
                "worker-light", "worker-light");
        deployments.forEach((group, d) -> {
            JsonNode pod = d.at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(shutdownTimeout);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/livez");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
            assertThat(container.at("/resources/requests/memory").asText()).isNotBlank();
            assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();
            assertThat(env(container).get("GEOETL_ROLES")).isEqualTo(roles.get(group));
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(d.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo(group);
        });
        List<JsonNode> services = byKind.get("Service");
        assertThat(services).hasSize(1);
        assertThat(services.get(0).at("/spec/selector/app.kubernetes.io~1component").asText()).isEqualTo("api");
    }

    private static Map<String, List<JsonNode>> renderAndValidate(String name, Path values) throws Exception {
        Path out = Path.of("target", "helm", name + ".yaml").toAbsolutePath();
        Files.createDirectories(out.getParent());
        HelmRunner.Run render = HelmRunner.template(CHART, out, values, null);
        assertThat(render.exitCode()).as(render.output()).isZero();
        String rendered = Files.readString(out);
        DeployTools.Run validation = DeployTools.validateManifests(out.toAbsolutePath());
        assertThat(validation.exitCode()).as(validation.output()).isZero();
        assertThat(validation.output()).doesNotContain("invalid");
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(rendered)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    docs.add(doc);
                }
            }
        }
        assertThat(validation.output().lines().filter(l -> l.startsWith("ok ")).count()).isEqualTo(docs.size());
        return docs.stream().collect(Collectors.groupingBy(d -> d.path("kind").asText()));
    }

    private static Map<String, JsonNode> byComponent(List<JsonNode> manifests) {
        return manifests.stream().collect(Collectors.toMap(
                m -> m.at("/metadata/labels/app.kubernetes.io~1component").asText(), m -> m));
    }

    private static Map<String, String> env(JsonNode container) {
        return java.util.stream.StreamSupport.stream(container.path("env").spliterator(), false)
                .collect(Collectors.toMap(e -> e.path("name").asText(), e -> e.path("value").asText()));
    }
}
