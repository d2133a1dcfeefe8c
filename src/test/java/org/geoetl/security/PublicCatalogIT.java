package org.geoetl.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.geoetl.catalog.Approvals;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.CollectionFixture;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * geoetl.security.public-catalog=true: a service started with it serves published STAC items to
 * anyone, and nothing else — not unpublished items, not jobs, not storage.
 */
class PublicCatalogIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private final HttpClient client = HttpClient.newHttpClient();

    private String ingest(String collectionId) throws Exception {
        return ingestCollection(accounts.get("local"), "public/" + collectionId, collectionId, 5);
    }

    private HttpResponse<String> anonymous(ServiceProcess service, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(service.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void publishedItemsAreServedToAnyoneAndNothingElseIs() throws Exception {
        String published = "pub-" + unique().substring(0, 8);
        String pending = "pend-" + unique().substring(0, 8);
        String jobId = ingest(published);
        ingest(pending);
        HttpHeaders approver = as(key(Role.APPROVER));
        approver.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.postForEntity("/api/approvals/" + Approvals.approvalId(jobId) + "/approve",
                new HttpEntity<>("{}", approver), JsonNode.class).getStatusCode().value()).isEqualTo(200);

        try (ServiceProcess service = new ServiceProcess("public-catalog", "--geoetl.security.public-catalog=true",
                "--geoetl.roles.orchestrator=false", "--geoetl.roles.worker-heavy=false",
                "--geoetl.roles.worker-light=false", "--geoetl.janitor.enabled=false", "--geoetl.worker.reaper=false")) {
            service.start();
            HttpResponse<String> search = anonymous(service, "/api/stac/search?collections=" + published);
            assertThat(search.statusCode()).isEqualTo(200);
            assertThat(mapper.readTree(search.body()).path("numberMatched").asInt()).isEqualTo(5);
            assertThat(mapper.readTree(anonymous(service, "/api/stac/search?collections=" + pending).body())
                    .path("numberMatched").asInt()).isZero();
            assertThat(anonymous(service, "/api/stac/collections/" + pending + "/items/"
                    + CollectionFixture.itemId(pending, 0)).statusCode()).isEqualTo(404);
            assertThat(anonymous(service, "/api/stac/search?include_unpublished=true&collections=" + pending).statusCode())
                    .isEqualTo(401);
            assertThat(anonymous(service, "/api/stac/collections/" + published + "/items/"
                    + CollectionFixture.itemId(published, 0)).statusCode()).isEqualTo(200);
            // a collection with nothing published is not shown at all
            assertThat(anonymous(service, "/api/stac/collections/" + pending).statusCode()).isEqualTo(404);
            assertThat(anonymous(service, "/api/stac/collections").body()).contains(published).doesNotContain(pending);
            for (String closed : new String[] {"/api/jobs", "/api/approvals", "/api/storage/silver", "/health",
                    "/api/openapi.json", "/actuator/health"}) {
                assertThat(anonymous(service, closed).statusCode()).as(closed).isEqualTo(401);
            }
            // a reader still sees what is pending
            HttpResponse<String> reader = client.send(HttpRequest.newBuilder(URI.create(service.url()
                    + "/api/stac/search?include_unpublished=true&collections=" + pending))
                    .header("X-API-Key", service.adminKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(mapper.readTree(reader.body()).path("numberMatched").asInt()).isEqualTo(5);
        }
    }
}
