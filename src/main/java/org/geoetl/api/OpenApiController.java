package org.geoetl.api;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/openapi.json}. */
/* only in processes with the api role, like the REST routes (DeploymentEnvironment) */
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "geoetl.roles.api", havingValue = "true",
        matchIfMissing = true)
@RestController
public class OpenApiController {

    private final OpenApiDocument document;

    public OpenApiController(OpenApiDocument document) {
        this.document = document;
    }

    @GetMapping(path = "/api/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> openapi() throws Exception {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document.json());
    }
}
