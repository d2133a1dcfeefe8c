package org.geoetl.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.geoetl.config.GeoEtlProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document of everything the service serves: the Camel REST routes (read from their
 * definitions), plus the storage API and actuator endpoints (openapi/non-route-paths.yaml), with
 * both ways to authenticate declared. Built once; the server URL is {@code geoetl.public-url}.
 */
@Component
public class OpenApiDocument {

    private final CamelContext camel;
    private final String publicUrl;
    private volatile String json;

    public OpenApiDocument(CamelContext camel, GeoEtlProperties properties) {
        this.camel = camel;
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
    }

    public String json() throws Exception {
        String j = json;
        if (j == null) {
            BeanConfig config = new BeanConfig();
            // the OpenAPI version of the document; the API's own version is in info
            config.setVersion("3.0.1");
            config.setInfo(new io.swagger.v3.oas.models.info.Info().title("GeoETL API").version("0.1.0")
                    .description("Geospatial ETL: jobs, storage, STAC catalog, approvals. Roles per operation: docs/security.md"));
            OpenAPI api = new RestOpenApiReader().read(camel, new RestOpenApiSupport().getRestDefinitions(camel),
                    config, camel.getName(), camel.getClassResolver());
            config.configure(api);
            nonRoutePaths().forEach(api::path);
            api.setServers(List.of(new Server().url(publicUrl)));
            api.components(security(api.getComponents() == null ? new Components() : api.getComponents()));
            api.setSecurity(List.of(new SecurityRequirement().addList("bearer"), new SecurityRequirement().addList("apiKey")));
            j = RestOpenApiSupport.getJsonFromOpenAPIAsString(api, config);
            json = j;
        }
        return j;
    }

    private static Components security(Components c) {
        return c.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An OIDC access token (JWT) of the configured issuer, or an API key"))
                .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key").description("An API key"));
    }

    static Map<String, PathItem> nonRoutePaths() throws IOException {
        try (InputStream in = new ClassPathResource("openapi/non-route-paths.yaml").getInputStream()) {
            Map<String, PathItem> paths = Yaml.mapper().readValue(in, new TypeReference<LinkedHashMap<String, PathItem>>() { });
            return paths;
        }
    }
}
