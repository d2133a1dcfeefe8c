package org.geoetl.catalog.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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

    BlobStorage source(IngestStages.Job job) {
        accounts.allowedContainer(job.sourceContainer());
        return accounts.get(job.sourceAccount());
    }

    BlobStorage target(IngestStages.Job job) {
        accounts.allowedContainer(job.targetContainer());
        return accounts.get(job.targetAccount());
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
}
