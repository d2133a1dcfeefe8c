package org.geoetl.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.camel.component.azure.servicebus.ServiceBusEndpoint;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * The azure profile binds the same routes to Service Bus: every transport endpoint resolves to a
 * Service Bus endpoint on the same queue, consumers in peek-lock mode. (No Service Bus is reachable
 * here, so this checks the binding, not a connection.)
 */
class AzureProfileTest {

    @Test
    void everyRouteEndpointBecomesAServiceBusEndpointInPeekLockMode() throws Exception {
        MutablePropertySources sources = new MutablePropertySources();
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        for (PropertySource<?> s : loader.load("azure", new ClassPathResource("application-azure.yaml"))) {
            sources.addLast(s);
        }
        for (PropertySource<?> s : loader.load("default", new ClassPathResource("application.yaml"))) {
            sources.addLast(s);
        }
        sources.addFirst(new org.springframework.core.env.MapPropertySource("env", Map.of(
                "GEOETL_SERVICEBUS_CONNECTION_STRING",
                "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0")));
        PropertySourcesPropertyResolver resolver = new PropertySourcesPropertyResolver(sources);

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (String key : List.of("jobs-in", "heavy-in", "light-in")) {
                String uri = resolver.getRequiredProperty("geoetl.transport." + key);
                ServiceBusEndpoint endpoint = camel.getEndpoint(uri, ServiceBusEndpoint.class);
                assertThat(endpoint.getConfiguration().getServiceBusReceiveMode()).isEqualTo(ServiceBusReceiveMode.PEEK_LOCK);
                assertThat(endpoint.getConfiguration().getConnectionString()).startsWith("Endpoint=sb://example");
            }
            assertThat(camel.getEndpoint(resolver.getRequiredProperty("geoetl.transport.jobs-out"), ServiceBusEndpoint.class)
                    .getConfiguration().getTopicOrQueueName()).isEqualTo("geospatial-jobs");
            assertThat(camel.getEndpoint(resolver.getRequiredProperty("geoetl.transport.heavy-in"), ServiceBusEndpoint.class)
                    .getConfiguration().getTopicOrQueueName()).isEqualTo("container-tasks");
        }
    }
}
