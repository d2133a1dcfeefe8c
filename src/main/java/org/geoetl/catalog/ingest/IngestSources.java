package org.geoetl.catalog.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/** Shared plumbing of the ingest_collection handlers: the job's storages and JSON documents in them. */
@Component
public class IngestSources {

    private final StorageAccounts accounts;
    private final ObjectMapper mapper;

    public IngestSources(StorageAccounts accounts, ObjectMapper mapper) {
        this.accounts = accounts;
        this.mapper = mapper;
    }

    public BlobStorage source(Map<String, Object> job) {
        accounts.allowedContainer(sourceContainer(job));
        return accounts.get((String) job.get("source_account"));
    }

    public BlobStorage target(Map<String, Object> job) {
        accounts.allowedContainer(targetContainer(job));
        return accounts.get((String) job.get("target_account"));
    }

    public static String sourceContainer(Map<String, Object> job) {
        return (String) job.get("source_container");
    }

    public static String targetContainer(Map<String, Object> job) {
        return (String) job.get("target_container");
    }

    public JsonNode readJson(BlobStorage storage, String container, String name) {
        try (InputStream in = storage.open(container, name)) {
            return mapper.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentTaskException(container + "/" + name + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new org.geoetl.engine.handler.TransientTaskException("reading " + container + "/" + name + ": " + e.getMessage(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
